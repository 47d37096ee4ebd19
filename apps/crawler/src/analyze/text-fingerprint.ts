// A near-duplicate fingerprint of a document's text: a 64-bit SimHash (Charikar) of its word
// 3-shingles. Two copies of the same text, re-saved, re-linearised or with a changed date on the
// cover, are a few bits apart; different texts on the same template are far apart. Pure.

export const FINGERPRINT_PREFIX = "simhash64:";
/** Hamming distance (of 64 bits) within which two texts count as the same document. */
export const SAME_TEXT_DISTANCE = 6;
/** Distance beyond which two texts are different documents (between the two: undecided). */
export const OTHER_TEXT_DISTANCE = 16;
/** Fewer words than this make too unstable a fingerprint to judge by. */
export const MIN_WORDS = 40;

/** Lower-case words, accents folded, digits kept: what survives a re-save of the same text. */
export function textWords(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** `simhash64:` and 16 hex digits, or undefined when the text is too short to judge by. */
export function textFingerprint(text: string): string | undefined {
  const words = textWords(text);
  if (words.length < MIN_WORDS) return undefined;
  const weights = new Int32Array(64);
  for (let i = 0; i + 3 <= words.length; i++) {
    const [high, low] = hash64(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (high >>> (31 - bit)) & 1 ? 1 : -1;
      weights[32 + bit]! += (low >>> (31 - bit)) & 1 ? 1 : -1;
    }
  }
  let hex = "";
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let b = 0; b < 4; b++) if (weights[nibble * 4 + b]! > 0) value |= 1 << (3 - b);
    hex += value.toString(16);
  }
  return `${FINGERPRINT_PREFIX}${hex}`;
}

/**
 * A 64-bit hash of a shingle as two 32-bit halves: FNV-1a over its UTF-16 code units, twice with
 * different offsets, each finished with a murmur-style mix. Not cryptographic (nothing here needs
 * that); a digest object per shingle made fingerprinting several times slower.
 */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return [mix(a), mix(b ^ a)];
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Bits that differ between two fingerprints (0..64). */
export function fingerprintDistance(a: string, b: string): number {
  const x = BigInt(`0x${a.slice(FINGERPRINT_PREFIX.length)}`);
  const y = BigInt(`0x${b.slice(FINGERPRINT_PREFIX.length)}`);
  let diff = x ^ y;
  let bits = 0;
  while (diff > 0n) {
    bits += Number(diff & 1n);
    diff >>= 1n;
  }
  return bits;
}
