// Progress of a long export on standard error: a line at each tenth once it has run two seconds,
// so a run of minutes shows it is moving and a small directory says nothing.
export function progressLine(write: (line: string) => void, what: string, total: number, now: () => number = Date.now): (done: number) => void {
  const started = now();
  let shown = 0;
  return (done) => {
    const tenth = Math.floor((done / Math.max(1, total)) * 10);
    if (tenth <= shown || tenth >= 10 || now() - started < 2000) return;
    shown = tenth;
    write(`${what}: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} resources drawn\n`);
  };
}
