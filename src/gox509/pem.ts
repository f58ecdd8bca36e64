/**
 * Go's encoding/pem: `Encode` (64-column base64 lines) and `Decode` (the
 * first well-formed block, skipping anything malformed, as Go does).
 *
 * @module
 */

import { base64Decode, base64Encode } from "../sprig/encoding.ts";

/** A PEM block. */
export interface PemBlock {
  /** The word(s) after BEGIN, e.g. `RSA PRIVATE KEY`. */
  readonly type: string;
  /** `Key: value` header lines. */
  readonly headers: Record<string, string>;
  /** The decoded body. */
  readonly bytes: Uint8Array;
}

/** Go's `pem.EncodeToMemory` for a block without headers. */
export function pemEncode(type: string, bytes: Uint8Array): string {
  const b64 = base64Encode(bytes);
  let out = `-----BEGIN ${type}-----\n`;
  for (let i = 0; i < b64.length; i += 64) out += b64.slice(i, i + 64) + "\n";
  return out + `-----END ${type}-----\n`;
}

/** Go's `getLine`: the first line without its end-of-line and trailing spaces/tabs, and the rest. */
function getLine(data: string): [string, string] {
  let i = data.indexOf("\n");
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === "\r") i--;
  }
  return [data.slice(0, i).replace(/[ \t]+$/, ""), data.slice(j)];
}

/**
 * Go's `pem.Decode` on text: the first block and the rest, or undefined
 * when there is none. The text is treated as bytes (Latin-1), as Go does.
 */
export function pemDecode(data: string): [PemBlock, string] | undefined {
  let rest = data;
  for (;;) {
    if (rest.startsWith("-----BEGIN ")) {
      rest = rest.slice("-----BEGIN ".length);
    } else {
      const i = rest.indexOf("\n-----BEGIN ");
      if (i < 0) return undefined;
      rest = rest.slice(i + "\n-----BEGIN ".length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith("-----")) continue;
    const type = typeLine.slice(0, -5);
    const headers: Record<string, string> = {};
    let truncated = false;
    for (;;) {
      if (rest.length === 0) {
        truncated = true;
        break;
      }
      const [line, next] = getLine(rest);
      const colon = line.indexOf(":");
      if (colon < 0) break;
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      rest = next;
    }
    if (truncated) return undefined;
    let endIndex: number;
    let endTrailerIndex: number;
    // Without headers the END line may follow at once, with no newline before it.
    if (Object.keys(headers).length === 0 && rest.startsWith("-----END ")) {
      endIndex = 0;
      endTrailerIndex = "-----END ".length;
    } else {
      endIndex = rest.indexOf("\n-----END ");
      endTrailerIndex = endIndex + "\n-----END ".length;
    }
    if (endIndex < 0) continue;
    const endTrailer = rest.slice(endTrailerIndex);
    const trailerLen = type.length + 5;
    if (endTrailer.length < trailerLen) continue;
    const restOfEndLine = endTrailer.slice(trailerLen);
    const trailer = endTrailer.slice(0, trailerLen);
    if (!trailer.startsWith(type) || !trailer.endsWith("-----")) continue;
    if (getLine(restOfEndLine)[0].length !== 0) continue;
    const b64 = rest.slice(0, endIndex).replace(/[ \t]/g, "");
    let bytes: Uint8Array;
    try {
      bytes = base64Decode(Uint8Array.from(b64, (c) => c.charCodeAt(0) & 0xff));
    } catch {
      continue;
    }
    const after = getLine(rest.slice(endIndex + "\n-----END ".length - 1))[1];
    return [{ type, headers, bytes }, after];
  }
}
