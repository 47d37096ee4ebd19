// Web archive addresses (`BASE/web/20261130060000/https://…`, with or without a replay flag such
// as `id_` after the timestamp): when a capture was made, read from its address. Pure.

/** A 14-digit archive timestamp (YYYYMMDDhhmmss, UTC) as ISO 8601. */
export function archiveTimestampToIso(t: string): string {
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}Z`;
}

/** When the capture at this archive address was made (ISO 8601), or null when the address carries no timestamp. */
export function capturedAtOf(archivedUrl: string): string | null {
  const t = /\/web\/(\d{14})[a-z_]*\//.exec(archivedUrl)?.[1];
  return t === undefined ? null : archiveTimestampToIso(t);
}
