/**
 * The URL and e-mail checks helm's Chart.yaml linter uses (govalidator's
 * `IsEmail`, `IsURL`, `IsRequestURL`, the latter two built on Go's
 * `net/url` parsing).
 *
 * @module
 */
import { mustCompileGoRegexp } from "../goregexp/mod.ts";

const U = "\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}";
const EMAIL = "^(((([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[" + U + "])+(\\.([a-zA-Z]|\\d|" +
  "[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[" + U +
  "])+)*)|((\\x22)((((\\x20|\\x09)*(\\x0d\\x0a))?(\\x20|\\x09)+)?" +
  "(([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]|\\x21|[\\x23-\\x5b]|[\\x5d-\\x7e]|[" + U +
  "])|(\\([\\x01-\\x09" +
  "\\x0b\\x0c\\x0d-\\x7f]|[" + U +
  "]))))*(((\\x20|\\x09)*(\\x0d\\x0a))?(\\x20|\\x09)+)?(\\x22)))@((([a-zA-Z]|" +
  "\\d|[" + U + "])|(([a-zA-Z]|\\d|[" + U + "])([a-zA-Z]|\\d|-|\\.|_|~|[" + U + "])*([a-zA-Z]|\\d|[" + U +
  "])))\\.)+(([a-zA-Z]|[" + U + "])|(([a-zA-Z]|[" + U + "])([a-zA-Z]|\\d|-|_|~|[" + U + "])*([a-zA-Z]|[" + U +
  "])))\\.?$";

const IP = "(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:" +
  "[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]" +
  "{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4})" +
  "{1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4})" +
  "{0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}" +
  "(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}" +
  "[0-9])\\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9]))";
const URL_SCHEMA = "((ftp|tcp|udp|wss?|https?):\\/\\/)";
const URL_USERNAME = "(\\S+(:\\S*)?@)";
const URL_PATH = "((\\/|\\?|#)[^\\s]*)";
const URL_PORT = "(:(\\d{1,5}))";
const URL_IP =
  "([1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3]|24\\d|25[0-5])(\\.(\\d{1,2}|1\\d\\d|2[0-4]\\d|25[0-5])){2}" +
  "(?:\\.([0-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-5]))";
const URL_SUBDOMAIN = "((www\\.)|([a-zA-Z0-9]+([-_\\.]?[a-zA-Z0-9])*[a-zA-Z0-9]\\.[a-zA-Z0-9]+))";
const URL_RE = "^" + URL_SCHEMA + "?" + URL_USERNAME + "?" + "((" + URL_IP + "|(\\[" + IP +
  "\\])|(([a-zA-Z0-9]" +
  "([a-zA-Z0-9-_]+)?[a-zA-Z0-9]([-\\.][a-zA-Z0-9]+)*)|(" + URL_SUBDOMAIN +
  "?))?(([a-zA-Z\\x{00a1}-\\x{ffff}0-9]" +
  "+-?-?)*[a-zA-Z\\x{00a1}-\\x{ffff}0-9]+)(?:\\.([a-zA-Z\\x{00a1}-\\x{ffff}]{1,}))?))\\.?" + URL_PORT + "?" +
  URL_PATH + "?$";

let emailRe: ReturnType<typeof mustCompileGoRegexp> | undefined;
let urlRe: ReturnType<typeof mustCompileGoRegexp> | undefined;

/** govalidator's `IsEmail`. */
export function isEmail(s: string): boolean {
  emailRe ??= mustCompileGoRegexp(EMAIL);
  return emailRe.match(s);
}

/** A URL split as Go's `url.Parse` does, far enough for govalidator's checks. */
interface ParsedURL {
  scheme: string;
  host: string;
  path: string;
  opaque: string;
}

class URLError extends Error {}

/** Go's `getScheme`: a scheme before `:`, or none. */
function splitScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new URLError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function checkEscapes(s: string): void {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%" && !/^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) throw new URLError("invalid escape");
  }
}

/** Go's `parseHost` and host unescaping: only some ASCII characters may appear in a host. */
function checkHost(host: string): void {
  if (host.startsWith("[")) {
    const end = host.lastIndexOf("]");
    if (end < 0) throw new URLError("missing ']' in host");
    const port = host.slice(end + 1);
    if (port !== "" && !/^:[0-9]*$/.test(port)) throw new URLError("invalid port");
    return;
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && !/^[0-9]*$/.test(host.slice(colon + 1))) throw new URLError("invalid port");
  checkEscapes(host);
  // Go allows only non-ASCII bytes (and %25) percent-encoded in a host.
  for (const m of host.matchAll(/%([0-9a-fA-F])[0-9a-fA-F]/g)) {
    if (parseInt(m[1], 16) < 8 && m[0] !== "%25") throw new URLError("invalid URL escape");
  }
  for (const ch of host) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80) continue;
    if (/[a-zA-Z0-9\-_.~!$&'()*+,;=:[\]<>"%]/.test(ch)) continue;
    throw new URLError("invalid character in host name");
  }
}

function parseURL(raw: string, viaRequest: boolean): ParsedURL {
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) throw new URLError("invalid control character in URL");
  }
  if (raw === "" && viaRequest) throw new URLError("empty url");
  if (raw === "*") return { scheme: "", host: "", path: "*", opaque: "" };
  let [scheme, rest] = splitScheme(raw);
  scheme = scheme.toLowerCase();
  if (!viaRequest) {
    const hash = rest.indexOf("#");
    if (hash >= 0) rest = rest.slice(0, hash);
  }
  if (rest.endsWith("?") && (rest.match(/\?/g) ?? []).length === 1) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, host: "", path: "", opaque: rest };
    if (viaRequest) throw new URLError("invalid URI for request");
    const colon = rest.indexOf(":");
    const slash = rest.indexOf("/");
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      throw new URLError("first path segment in URL cannot contain colon");
    }
  }
  let host = "";
  if ((scheme !== "" || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
    const after = rest.slice(2);
    const slash = after.indexOf("/");
    const authority = slash >= 0 ? after.slice(0, slash) : after;
    rest = slash >= 0 ? after.slice(slash) : "";
    const at = authority.lastIndexOf("@");
    host = at >= 0 ? authority.slice(at + 1) : authority;
    if (at >= 0 && !/^[a-zA-Z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) {
      throw new URLError("net/url: invalid userinfo");
    }
    checkHost(host);
  }
  checkEscapes(rest);
  return { scheme, host, path: rest, opaque: "" };
}

/** govalidator's `IsRequestURL`: Go's `url.ParseRequestURI` accepts it and it has a scheme. */
export function isRequestURL(raw: string): boolean {
  try {
    return parseURL(raw, true).scheme.length > 0;
  } catch (e) {
    if (e instanceof URLError) return false;
    throw e;
  }
}

/** govalidator's `IsURL`. */
export function isURL(str: string): boolean {
  const runes = [...str].length;
  if (str === "" || runes >= 2083 || str.length <= 3 || str.startsWith(".")) return false;
  const temp = str.includes(":") && !str.includes("://") ? "http://" + str : str;
  let u: ParsedURL;
  try {
    u = parseURL(temp, false);
  } catch (e) {
    if (e instanceof URLError) return false;
    throw e;
  }
  if (u.host.startsWith(".")) return false;
  if (u.host === "" && u.path !== "" && !u.path.includes(".")) return false;
  urlRe ??= mustCompileGoRegexp(URL_RE);
  return urlRe.match(str);
}
