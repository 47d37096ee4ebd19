// Name resolution for the checker's connections: the system resolver, or fixed answers given with
// --resolve (as curl's option), and the address guard on every answer.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { isRefusedAddress } from "./address-guard.ts";

/** hostname → address, e.g. "www.unodc.test" → "127.0.0.2". */
export type ResolveOverrides = ReadonlyMap<string, string>;

export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect/tls.connect that applies the overrides and refuses guarded addresses. */
export function createLookup(overrides: ResolveOverrides, system: typeof dnsLookup = dnsLookup) {
  return function lookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
    const deliver = (addresses: LookupAddress[]) => {
      const refused = addresses.find((a) => isRefusedAddress(a.address));
      if (refused) {
        callback(new RefusedAddressError(`${hostname} resolves to ${refused.address}, a link-local or cloud-metadata address`), "");
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };
    const fixed = overrides.get(hostname.toLowerCase());
    if (fixed !== undefined) {
      deliver([{ address: fixed, family: isIP(fixed) === 6 ? 6 : 4 }]);
      return;
    }
    system(hostname, { all: true }, (err, addresses) => {
      if (err) callback(err, "");
      else if (addresses.length === 0) callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
      else deliver(addresses);
    });
  };
}
