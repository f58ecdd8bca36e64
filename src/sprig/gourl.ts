/**
 * Go's `net/url` (Go 1.26): `url.Parse`, `URL.String`, `URL.Hostname` and
 * `Userinfo.String`, with Go's escaping tables and error messages, for
 * Sprig's `urlParse` and `urlJoin`.
 *
 * @module
 */

import { quote } from "../gotpl/quote.ts";
import { goBytes, goString } from "./gostring.ts";

/** Go's `url.Userinfo`. */
export interface Userinfo {
  /** The unescaped user name. */
  username: string;
  /** The unescaped password, if any. */
  password: string;
  /** True when a password (maybe empty) was given. */
  passwordSet: boolean;
}

/** Go's `url.URL` (the fields Sprig reads or sets). */
export interface URL {
  /** Lower-cased scheme, without the colon. */
  scheme: string;
  /** Encoded opaque data (`scheme:opaque`). */
  opaque: string;
  /** User name and password, or null. */
  user: Userinfo | null;
  /** `host` or `host:port`, unescaped. */
  host: string;
  /** The path, unescaped. */
  path: string;
  /** The original encoded path when it differs from the default encoding. */
  rawPath: string;
  /** True when the URL ended in a bare `?`. */
  forceQuery: boolean;
  /** The encoded query, without `?`. */
  rawQuery: string;
  /** The fragment, unescaped. */
  fragment: string;
  /** The original encoded fragment when it differs from the default encoding. */
  rawFragment: string;
  /** True for `scheme:/path` with an empty authority. */
  omitHost: boolean;
}

/** A new zero URL. */
export function emptyURL(): URL {
  return {
    scheme: "",
    opaque: "",
    user: null,
    host: "",
    path: "",
    rawPath: "",
    forceQuery: false,
    rawQuery: "",
    fragment: "",
    rawFragment: "",
    omitHost: false,
  };
}

const enum Mode {
  Path,
  PathSegment,
  Host,
  Zone,
  UserPassword,
  QueryComponent,
  Fragment,
}

const isAlnum = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);

/** Go's `shouldEscape(c, mode)`. */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && "!$&'()*+,;=:[]<>\"".includes(ch)) {
    return false;
  }
  if (c < 0x80 && "-_.~".includes(ch)) return false;
  if (c < 0x80 && "$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case Mode.Path:
        return ch === "?";
      case Mode.PathSegment:
        return ch === "/" || ch === ";" || ch === "," || ch === "?";
      case Mode.UserPassword:
        return ch === "@" || ch === "/" || ch === "?" || ch === ":";
      case Mode.QueryComponent:
        return true;
      case Mode.Fragment:
        return false;
    }
  }
  if (mode === Mode.Fragment && c < 0x80 && "!()*".includes(ch)) return false;
  return true;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);
const UPPERHEX = "0123456789ABCDEF";

/** An error carrying Go's message text. */
class URLError extends Error {}

/** Go's `escape(s, mode)`. */
function escape(s: string, mode: Mode): string {
  const b = goBytes(s);
  let needs = false;
  for (const c of b) {
    if (shouldEscape(c, mode)) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  let out = "";
  for (const c of b) {
    if (c === 0x20 && mode === Mode.QueryComponent) out += "+";
    else if (shouldEscape(c, mode)) out += "%" + UPPERHEX[c >> 4] + UPPERHEX[c & 15];
    else out += String.fromCharCode(c);
  }
  return out;
}

/** Go's `unescape(s, mode)`; throws Go's EscapeError / InvalidHostError text. */
function unescape(s: string, mode: Mode): string {
  const b = goBytes(s);
  let n = 0;
  let hasPlus = false;
  const text = (from: number, to: number) => goString(b.subarray(from, to));
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c === 0x25) {
      n++;
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        throw new URLError("invalid URL escape " + quote(text(i, Math.min(i + 3, b.length))));
      }
      if (mode === Mode.Host && unhex(b[i + 1]) < 8 && text(i, i + 3) !== "%25") {
        throw new URLError("invalid URL escape " + quote(text(i, i + 3)));
      }
      if (mode === Mode.Zone) {
        const v = (unhex(b[i + 1]) << 4) | unhex(b[i + 2]);
        if (text(i, i + 3) !== "%25" && v !== 0x20 && shouldEscape(v, Mode.Host)) {
          throw new URLError("invalid URL escape " + quote(text(i, i + 3)));
        }
      }
      i += 3;
    } else if (c === 0x2b) {
      hasPlus = mode === Mode.QueryComponent;
      i++;
    } else {
      if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && shouldEscape(c, mode)) {
        throw new URLError("invalid character " + quote(String.fromCharCode(c)) + " in host name");
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x25) {
      out.push((unhex(b[i + 1]) << 4) | unhex(b[i + 2]));
      i += 2;
    } else if (c === 0x2b) {
      out.push(mode === Mode.QueryComponent ? 0x20 : 0x2b);
    } else {
      out.push(c);
    }
  }
  return goString(Uint8Array.from(out));
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new URLError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  for (const ch of port.slice(1)) if (ch < "0" || ch > "9") return false;
  return true;
}

function validUserinfo(s: string): boolean {
  for (const ch of s) {
    if (/^[A-Za-z0-9]$/.test(ch)) continue;
    if ("-._:~!$&'()*+,;=%@".includes(ch)) continue;
    return false;
  }
  return true;
}

/** netip.ParseAddr's verdict: "4", "6", or Go's error text. */
function parseAddr(s: string): { version: 4 | 6 } | { error: string } {
  const fail = (msg: string, at = "") => ({
    error: `ParseAddr(${quote(s)}): ${msg}` + (at !== "" ? ` (at ${quote(at)})` : ""),
  });
  const ipv4 = (part: string): string | undefined => {
    let val = 0;
    let pos = 0;
    let digLen = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part[i];
      if (c >= "0" && c <= "9") {
        if (digLen === 1 && val === 0) return fail("IPv4 field has octet with leading zero").error;
        val = val * 10 + Number(c);
        digLen++;
        if (val > 255) return fail("IPv4 field has value >255").error;
      } else if (c === ".") {
        if (i === 0 || i === part.length - 1 || part[i - 1] === ".") {
          return fail("IPv4 field must have at least one digit", part.slice(i)).error;
        }
        if (pos === 3) return fail("IPv4 address too long").error;
        pos++;
        val = 0;
        digLen = 0;
      } else {
        return fail("unexpected character", part.slice(i)).error;
      }
    }
    if (pos < 3) return fail("IPv4 address too short").error;
    return undefined;
  };
  for (const c of s) {
    if (c === ".") {
      const e = ipv4(s);
      return e ? { error: e } : { version: 4 };
    }
    if (c === ":") break;
    if (c === "%") return fail("missing IPv6 address");
  }
  if (!s.includes(":")) return fail("unable to parse IP");
  let rest = s;
  const pct = rest.indexOf("%");
  if (pct !== -1) {
    if (pct === rest.length - 1) return fail("zone must be a non-empty string");
    rest = rest.slice(0, pct);
  }
  let ellipsis = -1;
  if (rest.startsWith("::")) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === "") return { version: 6 };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < rest.length; off++) {
      const c = rest.charCodeAt(off);
      if (!isHex(c)) break;
      acc = acc * 16 + unhex(c);
      if (off > 3) return fail("each group must have 4 or less digits", rest);
      if (acc > 0xffff) return fail("IPv6 field has value >=2^16", rest);
    }
    if (off === 0) return fail("each colon-separated field must have at least one digit", rest);
    if (off < rest.length && rest[off] === ".") {
      if (ellipsis < 0 && i !== 12) {
        return fail("embedded IPv4 address must replace the final 2 fields of the address", rest);
      }
      if (i + 4 > 16) {
        return fail("too many hex fields to fit an embedded IPv4 at the end of the address", rest);
      }
      const e = ipv4(rest);
      if (e) return { error: e };
      rest = "";
      i += 4;
      break;
    }
    i += 2;
    rest = rest.slice(off);
    if (rest === "") break;
    if (rest[0] !== ":") return fail("unexpected character, want colon", rest);
    if (rest.length === 1) return fail("colon must be followed by more characters", rest);
    rest = rest.slice(1);
    if (rest[0] === ":") {
      if (ellipsis >= 0) return fail("multiple :: in address", rest);
      ellipsis = i;
      rest = rest.slice(1);
      if (rest === "") break;
    }
  }
  if (rest !== "") return fail("trailing garbage after address", rest);
  if (i < 16) {
    if (ellipsis < 0) return fail("address string too short");
  } else if (ellipsis >= 0) {
    return fail("the :: must expand to at least one field of zeros");
  }
  // An IPv4-mapped address (::ffff:a.b.c.d) is still a 16-byte IPv6 address.
  return { version: 6 };
}

function parseHost(scheme: string, host: string): string {
  const open = host.lastIndexOf("[");
  if (open > 0) throw new URLError("invalid IP-literal");
  if (open === 0) {
    const close = host.lastIndexOf("]");
    if (close < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${quote(colonPort)} after host`);
    const unescapedColonPort = unescape(colonPort, Mode.Host);
    const hostname = host.slice(1, close);
    let unescapedHostname: string;
    const zoneIdx = hostname.indexOf("%25");
    if (zoneIdx >= 0) {
      unescapedHostname = unescape(hostname.slice(0, zoneIdx), Mode.Host) +
        unescape(hostname.slice(zoneIdx), Mode.Zone);
    } else {
      unescapedHostname = unescape(hostname, Mode.Host);
    }
    const addr = parseAddr(unescapedHostname);
    if ("error" in addr) throw new URLError(`invalid host: ${addr.error}`);
    if (addr.version === 4) throw new URLError("invalid IP-literal");
    return "[" + unescapedHostname + "]" + unescapedColonPort;
  }
  let i = host.indexOf(":");
  if (i !== -1) {
    const lastColon = host.lastIndexOf(":");
    // Go 1.26 keeps strict colons for http(s) hosts and allows lists elsewhere.
    if (lastColon !== i && scheme !== "http" && scheme !== "https") i = lastColon;
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${quote(colonPort)} after host`);
  }
  return unescape(host, Mode.Host);
}

function parseAuthority(scheme: string, authority: string): [Userinfo | null, string] {
  const i = authority.lastIndexOf("@");
  const host = parseHost(scheme, i < 0 ? authority : authority.slice(i + 1));
  if (i < 0) return [null, host];
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new URLError("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) {
    return [{ username: unescape(userinfo, Mode.UserPassword), password: "", passwordSet: false }, host];
  }
  const username = unescape(userinfo.slice(0, colon), Mode.UserPassword);
  const password = unescape(userinfo.slice(colon + 1), Mode.UserPassword);
  return [{ username, password, passwordSet: true }, host];
}

function setPath(u: URL, p: string): void {
  const path = unescape(p, Mode.Path);
  u.path = path;
  u.rawPath = escape(path, Mode.Path) === p ? "" : p;
}

function setFragment(u: URL, f: string): void {
  const frag = unescape(f, Mode.Fragment);
  u.fragment = frag;
  u.rawFragment = escape(frag, Mode.Fragment) === f ? "" : f;
}

function hasCTLByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function parseWithoutFragment(raw: string): URL {
  if (hasCTLByte(raw)) throw new URLError("net/url: invalid control character in URL");
  const u = emptyURL();
  if (raw === "*") {
    u.path = "*";
    return u;
  }
  let rest: string;
  [u.scheme, rest] = getScheme(raw);
  u.scheme = u.scheme.toLowerCase();
  if (rest.endsWith("?") && rest.split("?").length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (u.scheme !== "") {
      u.opaque = rest;
      return u;
    }
    const slash = rest.indexOf("/");
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(":")) throw new URLError("first path segment in URL cannot contain colon");
  }
  if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const i = authority.indexOf("/");
    if (i >= 0) [authority, rest] = [authority.slice(0, i), authority.slice(i)];
    [u.user, u.host] = parseAuthority(u.scheme, authority);
  } else if (u.scheme !== "" && rest.startsWith("/")) {
    u.omitHost = true;
  }
  setPath(u, rest);
  return u;
}

/**
 * Go's `url.Parse`. Throws an Error whose message is Go's
 * `parse "RAW": reason`.
 *
 * @example
 * ```ts
 * parseURL("https://u:p@host:8080/a%20b?q=1#f").path; // "/a b"
 * ```
 */
export function parseURL(rawURL: string): URL {
  const hash = rawURL.indexOf("#");
  const u = hash < 0 ? rawURL : rawURL.slice(0, hash);
  const frag = hash < 0 ? "" : rawURL.slice(hash + 1);
  let url: URL;
  try {
    url = parseWithoutFragment(u);
  } catch (e) {
    if (e instanceof URLError) throw new Error(`parse ${quote(u)}: ${e.message}`);
    throw e;
  }
  if (frag === "") return url;
  try {
    setFragment(url, frag);
  } catch (e) {
    if (e instanceof URLError) throw new Error(`parse ${quote(rawURL)}: ${e.message}`);
    throw e;
  }
  return url;
}

/** `Userinfo.String()`: escaped `user[:password]`. */
export function userinfoString(u: Userinfo): string {
  let s = escape(u.username, Mode.UserPassword);
  if (u.passwordSet) s += ":" + escape(u.password, Mode.UserPassword);
  return s;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const c of goBytes(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(c)) && c < 0x80) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

function escapedPath(u: URL): string {
  if (u.rawPath !== "" && validEncoded(u.rawPath, Mode.Path)) {
    try {
      if (unescape(u.rawPath, Mode.Path) === u.path) return u.rawPath;
    } catch {
      // An invalid RawPath is ignored.
    }
  }
  if (u.path === "*") return "*";
  return escape(u.path, Mode.Path);
}

function escapedFragment(u: URL): string {
  if (u.rawFragment !== "" && validEncoded(u.rawFragment, Mode.Fragment)) {
    try {
      if (unescape(u.rawFragment, Mode.Fragment) === u.fragment) return u.rawFragment;
    } catch {
      // An invalid RawFragment is ignored.
    }
  }
  return escape(u.fragment, Mode.Fragment);
}

/** Go's `URL.String()`. */
export function urlString(u: URL): string {
  let buf = "";
  if (u.scheme !== "") buf += u.scheme + ":";
  if (u.opaque !== "") {
    buf += u.opaque;
  } else {
    if (u.scheme !== "" || u.host !== "" || u.user !== null) {
      if (!(u.omitHost && u.host === "" && u.user === null)) {
        if (u.host !== "" || u.path !== "" || u.user !== null) buf += "//";
        if (u.user !== null) buf += userinfoString(u.user) + "@";
        if (u.host !== "") buf += escape(u.host, Mode.Host);
      }
    }
    const path = escapedPath(u);
    if (path !== "" && path[0] !== "/" && u.host !== "") buf += "/";
    if (buf === "") {
      // "./" keeps a colon in the first segment from reading as a scheme.
      const slash = path.indexOf("/");
      if ((slash < 0 ? path : path.slice(0, slash)).includes(":")) buf += "./";
    }
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== "") buf += "?" + u.rawQuery;
  if (u.fragment !== "") buf += "#" + escapedFragment(u);
  return buf;
}

/** `URL.Hostname()`: the host without a valid port and without IPv6 brackets. */
export function hostname(u: URL): string {
  let host = u.host;
  const colon = host.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(host.slice(colon))) host = host.slice(0, colon);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return host;
}
