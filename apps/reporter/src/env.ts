// The environment GitHub Actions provides, validated once at the start.
import { z } from "zod";

export const GitHubEnv = z.object({
  GITHUB_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("https://api.github.com"),
  GITHUB_REPOSITORY: z.string({ error: "is not set (expected owner/name)" }).regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name"),
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_STEP_SUMMARY: z.string().min(1).optional(),
});
export type GitHubEnv = z.infer<typeof GitHubEnv>;

/** Reads the variables; an empty one counts as unset, as in a shell. */
export function readEnv(env: NodeJS.ProcessEnv): z.ZodSafeParseResult<GitHubEnv> {
  const pick = (name: string) => (env[name] === "" ? undefined : env[name]);
  return GitHubEnv.safeParse({
    GITHUB_API_URL: pick("GITHUB_API_URL"),
    GITHUB_REPOSITORY: pick("GITHUB_REPOSITORY"),
    GITHUB_TOKEN: pick("GITHUB_TOKEN"),
    GITHUB_STEP_SUMMARY: pick("GITHUB_STEP_SUMMARY"),
  });
}
