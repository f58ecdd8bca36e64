/**
 * Sprig's `b64enc`, `b64dec`, `b32enc` and `b32dec` (standard alphabets,
 * padded). The decoders follow Go's `encoding/base64` and `encoding/base32`
 * exactly, including skipped `\r`/`\n` and the byte offsets in their errors,
 * because Sprig returns the error text as the decoded value.
 *
 * Strings are Go bytes (see `gostring.ts`), so decoding binary data and
 * encoding it again gives back the same text.
 *
 * @module
 */

import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { goBytes, goString } from "./gostring.ts";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const PAD = 0x3d;

function decodeMap(alphabet: string): Uint8Array {
  const m = new Uint8Array(256).fill(0xff);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}

const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);

/** `base64.StdEncoding.EncodeToString`. */
export function base64Encode(b: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 3 <= b.length; i += 3) {
    const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
  }
  const rest = b.length - i;
  if (rest === 1) {
    const v = b[i] << 16;
    out += B64[v >> 18] + B64[(v >> 12) & 63] + "==";
  } else if (rest === 2) {
    const v = (b[i] << 16) | (b[i + 1] << 8);
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + "=";
  }
  return out;
}

class CorruptInput extends Error {
  constructor(kind: string, offset: number) {
    super(`illegal ${kind} data at input byte ${offset}`);
  }
}

const isNewline = (c: number) => c === 0x0a || c === 0x0d;

/** `base64.StdEncoding.DecodeString`; throws Go's CorruptInputError text. */
export function base64Decode(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailingGarbage = -1;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        // A quantum cut short without padding.
        throw new CorruptInput("base64", si - j);
      }
      const c = src[si++];
      const v = B64_MAP[c];
      if (v !== 0xff) {
        dbuf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== PAD || j < 2) throw new CorruptInput("base64", si - 1);
      if (j === 2) {
        // "==" is expected; the first "=" is consumed.
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new CorruptInput("base64", src.length);
        if (src[si] !== PAD) throw new CorruptInput("base64", si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailingGarbage = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailingGarbage >= 0) throw new CorruptInput("base64", trailingGarbage);
  }
  return Uint8Array.from(out);
}

/** `base32.StdEncoding.EncodeToString`. */
export function base32Encode(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    // 1..5 input bytes need 2, 4, 5, 7 or 8 output characters; the rest is padding.
    const chars = [0, 2, 4, 5, 7, 8][chunk.length];
    for (let k = 0; k < 8; k++) {
      out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : "=";
    }
  }
  return out;
}

/** `base32.StdEncoding.DecodeString`; newlines are stripped first, so offsets count without them. */
export function base32Decode(input: Uint8Array): Uint8Array {
  const src = input.filter((c) => !isNewline(c));
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < olen && !end) {
    const dbuf = new Array<number>(8).fill(0);
    let dlen = 8;
    for (let j = 0; j < 8;) {
      if (pos === olen) throw new CorruptInput("base32", olen - j);
      const c = src[pos++];
      const remaining = olen - pos;
      if (c === PAD && j >= 2 && remaining < 8) {
        if (remaining + j < 7) throw new CorruptInput("base32", olen);
        for (let k = 0; k < 7 - j; k++) {
          if (remaining > k && src[pos + k] !== PAD) {
            throw new CorruptInput("base32", olen - remaining + k - 1);
          }
        }
        dlen = j;
        end = true;
        // 1, 3 and 6 leftover characters cannot encode whole bytes.
        if (dlen === 1 || dlen === 3 || dlen === 6) throw new CorruptInput("base32", olen - remaining - 1);
        break;
      }
      dbuf[j] = B32_MAP[c];
      if (dbuf[j] === 0xff) throw new CorruptInput("base32", olen - remaining - 1);
      j++;
    }
    const bytes = [
      ((dbuf[0] << 3) | (dbuf[1] >> 2)) & 0xff,
      ((dbuf[1] << 6) | (dbuf[2] << 1) | (dbuf[3] >> 4)) & 0xff,
      ((dbuf[3] << 4) | (dbuf[4] >> 1)) & 0xff,
      ((dbuf[4] << 7) | (dbuf[5] << 2) | (dbuf[6] >> 3)) & 0xff,
      ((dbuf[6] << 5) | dbuf[7]) & 0xff,
    ];
    const count = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    out.push(...bytes.slice(0, count));
  }
  return Uint8Array.from(out);
}

/** Decodes, returning Go's error text in place of the data on failure (Sprig's behaviour). */
function decodeOrMessage(decode: (b: Uint8Array) => Uint8Array, s: string): string {
  try {
    return goString(decode(goBytes(s)));
  } catch (e) {
    if (e instanceof CorruptInput) return e.message;
    throw e;
  }
}

/** Sprig's encoding functions. */
export const encodingFuncs: FuncMap = {
  b64enc: goFunc(["string"], (s: string) => base64Encode(goBytes(s))),
  b64dec: goFunc(["string"], (s: string) => decodeOrMessage(base64Decode, s)),
  b32enc: goFunc(["string"], (s: string) => base32Encode(goBytes(s))),
  b32dec: goFunc(["string"], (s: string) => decodeOrMessage(base32Decode, s)),
};
