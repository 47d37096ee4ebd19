// The judge of the local GitHub catches what GitHub would not accept or return.
import { describe, expect, it } from "vitest";
import { openApiJudge } from "./helpers/openapi.ts";

describe("GitHub's OpenAPI description as the fake's judge", () => {
  const judge = openApiJudge();
  it("refuses a request GitHub would refuse, and an operation GitHub does not have", () => {
    expect(judge.checkRequest("PATCH", "/repos/acme/directory/issues/1", { state: "closed", state_reason: "not_planned" })).toEqual([]);
    expect(judge.checkRequest("PATCH", "/repos/acme/directory/issues/1", { state: "shut" })).not.toEqual([]);
    expect(judge.checkRequest("POST", "/repos/acme/directory/issues", { body: "no title" })).not.toEqual([]);
    expect(judge.checkRequest("PUT", "/repos/acme/directory/issues/1/close", {})).toEqual(["PUT /repos/acme/directory/issues/1/close: no such operation in GitHub's REST API"]);
  });
  it("refuses an answer GitHub would never give: an issue without its required fields, a label without its colour", () => {
    expect(judge.checkResponse("GET", "/repos/acme/directory/issues", 200, [{ number: 1, title: "t" }])).not.toEqual([]);
    expect(judge.checkResponse("POST", "/repos/acme/directory/labels", 201, { name: "x" })).not.toEqual([]);
    expect(judge.checkResponse("DELETE", "/repos/acme/directory/issues/comments/5", 204, undefined)).toEqual([]);
  });
});
