// One new capture through Save Page Now 2: the request (again once, later, when the account has
// too many captures in progress), the job followed to its end, and the capture confirmed through
// the CDX API whatever the job said: the save API can report an error for a capture that was
// made, and success for one that never appears.
import type { Format, Preserve } from "@td/schema";
import type { ArchiveSession } from "./archive-session.ts";
import { newestGoodCopy, timestampOf, type Lookup } from "./captures.ts";

type SaveAttempt = NonNullable<Preserve["resources"][number]["save"]>;

export interface SaveTiming {
  /** Between two polls of a job's status. */
  pollIntervalMs: number;
  /** How long a job is followed before it is left pending. */
  jobTimeoutMs: number;
  /** After error:user-session-limit, before the one retry. */
  sessionLimitWaitMs: number;
}

export interface SaveOutcome {
  attempt: SaveAttempt;
  /** The confirmation lookup (undefined when the save never started). */
  lookup: Lookup | undefined;
  /** Why it was not confirmed, in words (undefined when it was). */
  problem: string | undefined;
  /** The run could not send the request (time, or the archive stopped): nothing was asked. */
  notSent: boolean;
}

interface Submitted {
  jobId: string | null;
  answer: SaveAttempt["answer"];
  code: string | null;
  message: string | undefined;
}

export async function saveCopy(session: ArchiveSession, url: string, format: Format, timing: SaveTiming): Promise<SaveOutcome> {
  const clock = session.settings.clock;
  const since = timestampOf(clock.now() - 60_000);
  let submitted = await submit(session, url);
  if (submitted === undefined) return { attempt: attempt({ jobId: null, answer: "no-answer", code: null, message: undefined }, false), lookup: undefined, problem: undefined, notSent: true };
  if (submitted.code === "error:user-session-limit" && session.timeLeft() > timing.sessionLimitWaitMs) {
    await clock.sleep(timing.sessionLimitWaitMs);
    submitted = (await submit(session, url)) ?? submitted;
  }

  let final = submitted;
  if (submitted.jobId !== null && submitted.answer === "pending") final = await follow(session, submitted.jobId, timing);

  // Refused outright (keys, limits, a bad request): no capture was started, so none is looked for.
  if (final.answer === "refused") {
    return { attempt: attempt(final, false), lookup: undefined, problem: `the archive refused the save (${final.code ?? "no reason given"}${final.message ? `: ${final.message}` : ""})`, notSent: false };
  }
  if (final.answer === "pending") {
    const why = session.state === "open" ? "the capture had not finished when the run's wait for it was over" : `the archive stopped answering before the capture's job ended (${session.state})`;
    return { attempt: attempt(final, false), lookup: undefined, problem: why, notSent: false };
  }
  const lookup = await newestGoodCopy(session, [url], format, since);
  const confirmed = lookup.found !== undefined;
  const said = final.answer === "success" ? "the archive reported the capture done" : final.answer === "error" ? `the archive reported the capture failed (${final.code ?? "no reason given"})` : "the save request got no answer";
  const problem = confirmed
    ? undefined
    : lookup.rejected.length > 0
      ? `${said}, and the capture is not a good copy: ${lookup.rejected[0]!.why}`
      : `${said}, but the archive lists no new capture${lookup.complete ? "" : " (the lookup could not be made)"}`;
  return { attempt: attempt(final, confirmed), lookup, problem, notSent: false };
}

function attempt(s: Submitted, confirmed: boolean): SaveAttempt {
  return { jobId: s.jobId, answer: s.answer, code: s.code, confirmed };
}

/** The save request; undefined when it could not be sent (the run's time, or the archive stopped). */
async function submit(session: ArchiveSession, url: string): Promise<Submitted | undefined> {
  const asked = await session.save(url);
  if (!asked.sent) return undefined;
  if (asked.answer === undefined) return { jobId: null, answer: "no-answer", code: null, message: asked.problem };
  const { status, body } = asked.answer;
  const json = parseObject(body);
  if (status !== 200) {
    const code = typeof json?.status_ext === "string" ? json.status_ext : `HTTP ${status}`;
    return { jobId: null, answer: "refused", code, message: status === 401 || status === 403 ? "the keys were not accepted" : messageOf(json) };
  }
  if (typeof json?.job_id === "string" && json.job_id !== "") return { jobId: json.job_id, answer: "pending", code: null, message: undefined };
  return { jobId: null, answer: "refused", code: typeof json?.status_ext === "string" ? json.status_ext : "no job", message: messageOf(json) };
}

async function follow(session: ArchiveSession, jobId: string, timing: SaveTiming): Promise<Submitted> {
  const clock = session.settings.clock;
  const end = Math.min(clock.now() + timing.jobTimeoutMs, session.settings.deadline);
  let last: Submitted = { jobId, answer: "pending", code: null, message: undefined };
  while (clock.now() + timing.pollIntervalMs <= end) {
    await clock.sleep(timing.pollIntervalMs);
    const asked = await session.status(jobId);
    if (!asked.sent) return last;
    // A poll without an answer is tried again at the next turn (the session's breaker ends the attempt).
    if (asked.answer === undefined || asked.answer.status !== 200) {
      if (!session.canSave) return last;
      continue;
    }
    const json = parseObject(asked.answer.body);
    const status = json?.status;
    if (status === "success") return { jobId, answer: "success", code: null, message: undefined };
    if (status === "error") return { jobId, answer: "error", code: typeof json?.status_ext === "string" ? json.status_ext : null, message: messageOf(json) };
    last = { jobId, answer: "pending", code: null, message: undefined };
  }
  return last;
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(json: Record<string, unknown> | undefined): string | undefined {
  const message = json?.message;
  // The archive's own words, kept short: they go into the report and the pull request.
  return typeof message === "string" ? message.replace(/\s+/g, " ").trim().slice(0, 200) : undefined;
}
