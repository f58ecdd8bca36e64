/**
 * Go's `net.ParseIP`: dotted IPv4 (no leading zeros, as Go ≥ 1.17) and IPv6
 * text (with `::` and an embedded IPv4 tail), without zones.
 *
 * @module
 */

function parseIPv4(s: string): Uint8Array | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === "0")) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return out;
  }
  while (i < 16) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(s);
    if (m === null) return undefined;
    // An IPv4 tail takes the last four bytes.
    if (m[0].length < s.length && s[m[0].length] === ".") {
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const v4 = parseIPv4(s);
      if (v4 === undefined) return undefined;
      out.set(v4, i);
      i += 4;
      s = "";
      break;
    }
    const n = parseInt(m[0], 16);
    out[i] = n >> 8;
    out[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(m[0].length);
    if (s === "") break;
    if (s[0] !== ":" || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) out[j + n] = out[j];
    out.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    // An ellipsis must stand for at least one group.
    return undefined;
  }
  return out;
}

/**
 * Go's `net.ParseIP`: 4 bytes for IPv4 text, 16 for IPv6, undefined when
 * the text is neither.
 */
export function parseIP(s: string): Uint8Array | undefined {
  for (const c of s) {
    if (c === ".") return parseIPv4(s);
    if (c === ":") return parseIPv6(s);
  }
  return undefined;
}
