// Test sites for one test file: each test starts the hosts it needs (127.0.0.x, port 0) and they
// are closed after it.
import { afterEach } from "vitest";
import { resource } from "./check.ts";
import { html, send, startHost, type Handler, type TestHost } from "./test-host.ts";
import type { Resource } from "@td/schema";

export interface Sites {
  site(handler: Handler, address?: string): Promise<TestHost>;
  /** A healthy second host, so a lone network failure is judged and not taken for an offline run. */
  withHealthyNeighbour(): Promise<Resource>;
}

export function useSites(): Sites {
  const hosts: TestHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()));
  });
  const site = async (handler: Handler, address = "127.0.0.2") => {
    const host = await startHost(address, handler);
    hosts.push(host);
    return host;
  };
  return {
    site,
    withHealthyNeighbour: async () => {
      const ok = await site((_q, s) => send(s, 200, "text/html", html("Fine")), "127.0.0.9");
      return resource("neighbour", ok.url("/fine"));
    },
  };
}
