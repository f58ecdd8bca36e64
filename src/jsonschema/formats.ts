/**
 * The `format` checks santhosh-tekuri/jsonschema v6 asserts (drafts before
 * 2019-09), each returning the library's reason text when a string fails;
 * non-strings always pass.
 *
 * @module
 */
import { quoteRune } from "../gotpl/quote.ts";
import { parseTime, UTC } from "../gotime/mod.ts";
import { byteLength } from "../gojson/utf8.ts";
import { goInt } from "./errors.ts";

/** A format check: undefined when valid, else the reason. */
export type FormatCheck = (v: unknown) => string | undefined;

const isDigit = (c: string) => c >= "0" && c <= "9";
const cp = (c: string) => c.codePointAt(0)!;

function stringCheck(f: (s: string) => string | undefined): FormatCheck {
  return (v) => typeof v === "string" ? f(v) : undefined;
}

function jsonPointer(s: string): string | undefined {
  if (s === "") return undefined;
  if (!s.startsWith("/")) return "not starting with /";
  for (const tok of s.split("/").slice(1)) {
    let escape = false;
    for (const ch of tok) {
      if (escape) {
        escape = false;
        if (ch !== "0" && ch !== "1") return "~ must be followed by 0 or 1";
        continue;
      }
      if (ch === "~") escape = true;
    }
    if (escape) return "~ must be followed by 0 or 1";
  }
  return undefined;
}

function relativeJsonPointer(s: string): string | undefined {
  let n = 0;
  while (n < s.length && isDigit(s[n])) n++;
  if (n === 0) return "must start with non-negative integer";
  if (n > 1 && s.startsWith("0")) return "starts with zero";
  const rest = s.slice(n);
  return rest === "#" ? undefined : jsonPointer(rest);
}

function uuid(s: string): string | undefined {
  const lens = [8, 4, 4, 4, 12];
  const groups = s.split("-");
  if (groups.length !== lens.length) return `must have ${goInt(lens.length)} elements`;
  for (let i = 0; i < groups.length; i++) {
    if (byteLength(groups[i]) !== lens[i]) {
      return `element ${goInt(i + 1)} must be ${goInt(lens[i])} characters long`;
    }
    for (const ch of groups[i]) {
      if (!/[0-9a-fA-F]/.test(ch)) return `non-hex character ${quoteRune(cp(ch))}`;
    }
  }
  return undefined;
}

function duration(s: string): string | undefined {
  if (!s.startsWith("P")) return "must start with P";
  s = s.slice(1);
  if (s === "") return "nothing after P";
  if (s.endsWith("W")) {
    const w = s.slice(0, -1);
    if (w === "") return "no number in week";
    for (const ch of w) if (!isDigit(ch)) return "invalid week";
    return undefined;
  }
  const allUnits = ["YMD", "HMS"];
  const parts = s.split("T");
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    if (i !== 0 && p === "") return "no time elements";
    if (i >= allUnits.length) return "more than one T";
    let units = allUnits[i];
    while (p !== "") {
      let n = 0;
      while (n < p.length && isDigit(p[n])) n++;
      if (n === 0) return "missing number";
      p = p.slice(n);
      if (p === "") return "missing unit";
      const unit = p[0];
      const j = units.indexOf(unit);
      if (j < 0) {
        if (allUnits[i].includes(unit)) return `unit ${quoteRune(cp(unit))} out of order`;
        return `invalid unit ${quoteRune(cp(unit))}`;
      }
      units = units.slice(j + 1);
      p = p.slice(1);
    }
  }
  return undefined;
}

/** Go's strconv.Atoi, returning its error text. */
function atoi(s: string): [number, string | undefined] {
  if (!/^[+-]?\d+$/.test(s)) return [0, `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`];
  const n = BigInt(s);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) {
    return [0, `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`];
  }
  return [Number(n), undefined];
}

function ipv4(s: string): string | undefined {
  const groups = s.split(".");
  if (groups.length !== 4) return "expected four decimals";
  for (const g of groups) {
    if (g.length > 1 && g[0] === "0") return "leading zeros";
    const [n, err] = atoi(g);
    if (err) return err;
    if (n < 0 || n > 255) return "decimal must be between 0 and 255";
  }
  return undefined;
}

/** netip.ParseAddr's verdict on an IPv6 text (reasons simplified). */
function parseIPv6(s: string): string | undefined {
  const bad = (why: string) => `ParseAddr(${JSON.stringify(s)}): ${why}`;
  let zone = "";
  const pct = s.indexOf("%");
  let body = s;
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    body = s.slice(0, pct);
    if (zone === "") return bad("zone must be a non-empty string");
  }
  let groups = 0;
  let ellipsis = false;
  const parts = body.split("::");
  if (parts.length > 2) return bad("multiple :: in address");
  ellipsis = parts.length === 2;
  for (const [pi, part] of parts.entries()) {
    if (part === "") continue;
    const fields = part.split(":");
    for (const [fi, f] of fields.entries()) {
      const last = pi === parts.length - 1 && fi === fields.length - 1;
      if (last && f.includes(".")) {
        if (ipv4(f) !== undefined) return bad(`IPv6 field has value >=2^16`);
        groups += 2;
        continue;
      }
      if (f === "") return bad("colon must be followed by more characters");
      if (!/^[0-9a-fA-F]{1,4}$/.test(f)) {
        return /^[0-9a-fA-F]+$/.test(f)
          ? bad("IPv6 field has value >=2^16")
          : bad(`each colon-separated field must have at least one digit`);
      }
      groups++;
    }
  }
  if (groups > 8 || (!ellipsis && groups !== 8) || (ellipsis && groups > 7)) {
    return bad(groups > 8 ? "too many fields" : "address string too short");
  }
  return zone !== "" ? "zone id is not a part of ipv6 address" : undefined;
}

function ipv6(s: string): string | undefined {
  if (!s.includes(":")) return "missing colon";
  return parseIPv6(s);
}

function hostname(s: string): string | undefined {
  if (s.endsWith(".")) s = s.slice(0, -1);
  if (byteLength(s) > 253) return "more than 253 characters long";
  for (const label of s.split(".")) {
    const n = byteLength(label);
    if (n < 1 || n > 63) return "label must be 1 to 63 characters long";
    if (label.startsWith("-")) return "label starts with hyphen";
    if (label.endsWith("-")) return "label ends with hyphen";
    for (const ch of label) {
      if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${quoteRune(cp(ch))}`;
    }
  }
  return undefined;
}

function email(s: string): string | undefined {
  if (byteLength(s) > 254) return "more than 255 characters long";
  const at = s.lastIndexOf("@");
  if (at < 0) return "missing @";
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (byteLength(local) > 64) return "local part more than 64 characters long";
  if (local.length > 1 && local.startsWith('"')) {
    const inner = local.slice(1, -1);
    if (inner.includes("\\") || inner.includes('"')) {
      return "backslash and quote are not allowed within quoted local part";
    }
  } else {
    if (local.startsWith(".")) return "starts with dot";
    if (local.endsWith(".")) return "ends with dot";
    if (local.includes("..")) return "consecutive dots";
    for (const ch of local) {
      if (!/[a-zA-Z0-9]/.test(ch) && !".!#$%&'*+-/=?^_`{|}~".includes(ch)) {
        return `invalid character ${quoteRune(cp(ch))}`;
      }
    }
  }
  if (domain.startsWith("[") && domain.endsWith("]")) {
    domain = domain.slice(1, -1);
    if (domain.startsWith("IPv6:")) {
      const err = ipv6(domain.slice(5));
      return err ? `invalid ipv6 address: ${err}` : undefined;
    }
    const err = ipv4(domain);
    return err ? `invalid ipv4 address: ${err}` : undefined;
  }
  const err = hostname(domain);
  return err ? `invalid domain: ${err}` : undefined;
}

function date(s: string): string | undefined {
  try {
    parseTime("2006-01-02", s, UTC, UTC);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function time(str: string): string | undefined {
  if (byteLength(str) < 9) return "less than 9 characters long";
  if (str[2] !== ":" || str[5] !== ":") return "missing colon in correct place";
  const hms: number[] = [];
  for (const tok of str.slice(0, 8).split(":")) {
    const [i, err] = atoi(tok);
    if (err) return "invalid hour/min/sec";
    if (i < 0) return "non-positive hour/min/sec";
    hms.push(i);
  }
  if (hms.length !== 3) return "missing hour/min/sec";
  let [h, m] = hms;
  const sec = hms[2];
  if (h > 23 || m > 59 || sec > 60) return "hour/min/sec out of range";
  str = str.slice(8);
  if (str.startsWith(".")) {
    const rem = str.slice(1);
    let n = 0;
    while (n < rem.length && isDigit(rem[n])) n++;
    if (n === 0) return "no digits in second fraction";
    str = rem.slice(n);
  }
  if (str !== "z" && str !== "Z") {
    if (byteLength(str) !== 6) return "offset must be 6 characters long";
    let sign: number;
    if (str[0] === "+") sign = -1;
    else if (str[0] === "-") sign = 1;
    else return "offset must begin with plus/minus";
    str = str.slice(1);
    if (str[2] !== ":") return "missing colon in offset in correct place";
    const zhm: number[] = [];
    for (const tok of str.split(":", 2)) {
      const [i, err] = atoi(tok);
      if (err) return "invalid hour/min in offset";
      if (i < 0) return "non-positive hour/min in offset";
      zhm.push(i);
    }
    const [zh, zm] = zhm;
    if (zh > 23 || zm > 59) return "hour/min in offset out of range";
    let hm = h * 60 + m + sign * (zh * 60 + zm);
    if (hm < 0) hm += 24 * 60;
    h = Math.floor(hm / 60);
    m = hm % 60;
  }
  if (sec >= 60 && (h !== 23 || m !== 59)) return "invalid leap second";
  return undefined;
}

function dateTime(s: string): string | undefined {
  if (byteLength(s) < 20) return "less than 20 characters long";
  if (s[10] !== "t" && s[10] !== "T") return "11th character must be t or T";
  const d = date(s.slice(0, 10));
  if (d) return `invalid date element: ${d}`;
  const t = time(s.slice(11));
  if (t) return `invalid time element: ${t}`;
  return undefined;
}

/** The parts of net/url.Parse that decide validity, with its error texts. */
function parseUrl(s: string): { err?: string; abs: boolean } {
  const fail = (why: string) => ({ err: `parse ${JSON.stringify(s)}: ${why}`, abs: false });
  if ([...s].some((c) => c < " " || c === "\x7f")) return fail("net/url: invalid control character in URL");
  let rest = s;
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  let scheme = "";
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = m[1];
    rest = rest.slice(m[0].length);
  } else if (rest.startsWith(":")) return fail("missing protocol scheme");
  const q = rest.indexOf("?");
  if (q >= 0) rest = rest.slice(0, q);
  const bad = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(rest);
  if (bad) return fail(`invalid URL escape ${JSON.stringify("%" + bad[1])}`);
  if (rest.startsWith("//") && (scheme !== "" || !rest.startsWith("///"))) {
    const end = rest.slice(2).search(/[/]/);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    if (host.startsWith("[")) {
      const close = host.indexOf("]");
      if (close < 0) return fail("missing ']' in host");
      const ip = host.slice(1, close);
      const err = ipv6(ip.split("%")[0]);
      if (err) return { err: `invalid ipv6 address: ${err}`, abs: scheme !== "" };
    } else if (host.includes(":")) {
      const port = host.slice(host.lastIndexOf(":") + 1);
      if (!/^\d*$/.test(port)) return fail(`invalid port ${JSON.stringify(":" + port)} after host`);
    }
  } else if (scheme === "") {
    const seg = rest.split("/")[0];
    if (seg.includes(":")) return fail("first path segment in URL cannot contain colon");
  }
  return { abs: scheme !== "" };
}

function uri(s: string): string | undefined {
  const u = parseUrl(s);
  if (u.err) return u.err;
  return u.abs ? undefined : "relative url";
}

function uriReference(s: string): string | undefined {
  if (s.includes("\\")) return "contains \\";
  return parseUrl(s).err;
}

function uriTemplate(s: string): string | undefined {
  const u = parseUrl(s);
  if (u.err) return u.err;
  return undefined;
}

function period(s: string): string | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return "missing slash";
  const start = s.slice(0, slash);
  const end = s.slice(slash + 1);
  let err;
  if (start.startsWith("P")) {
    if ((err = duration(start))) return `invalid start duration: ${err}`;
    if ((err = dateTime(end))) return `invalid end date-time: ${err}`;
  } else {
    if ((err = dateTime(start))) return `invalid start date-time: ${err}`;
    if (end.startsWith("P")) {
      if ((err = duration(end))) return `invalid end duration: ${err}`;
    } else if ((err = dateTime(end))) return `invalid end date-time: ${err}`;
  }
  return undefined;
}

function semver(s: string): string | undefined {
  const plus = s.indexOf("+");
  if (plus >= 0) {
    const build = s.slice(plus + 1);
    if (build === "") return "build is empty";
    for (const id of build.split(".")) {
      if (id === "") return "build identifier is empty";
      for (const ch of id) {
        if (!/[0-9a-zA-Z-]/.test(ch)) return `invalid character ${quoteRune(cp(ch))} in build identifier`;
      }
    }
    s = s.slice(0, plus);
  }
  const dash = s.indexOf("-");
  if (dash >= 0) {
    for (const id of s.slice(dash + 1).split(".")) {
      if (id === "") return "pre-release identifier is empty";
      let allDigits = true;
      for (const ch of id) {
        if (isDigit(ch)) continue;
        if (/[a-zA-Z-]/.test(ch)) allDigits = false;
        else return `invalid character ${quoteRune(cp(ch))} in pre-release identifier`;
      }
      if (allDigits && id.length > 1 && id[0] === "0") {
        return "pre-release numeric identifier starts with zero";
      }
    }
    s = s.slice(0, dash);
  }
  const versions = s.split(".");
  if (versions.length !== 3) return "versionCore must have 3 numbers separated by dot";
  const names = ["major", "minor", "patch"];
  for (let i = 0; i < 3; i++) {
    const v = versions[i];
    if (v === "") return `${names[i]} is empty`;
    if (v.length > 1 && v[0] === "0") return `${names[i]} starts with zero`;
    for (const ch of v) if (!isDigit(ch)) return `${names[i]} contains non-digit`;
  }
  return undefined;
}

/** The formats the library knows by name. */
export const FORMATS: Record<string, FormatCheck> = {
  "json-pointer": stringCheck(jsonPointer),
  "relative-json-pointer": stringCheck(relativeJsonPointer),
  "uuid": stringCheck(uuid),
  "duration": stringCheck(duration),
  "period": stringCheck(period),
  "ipv4": stringCheck(ipv4),
  "ipv6": stringCheck(ipv6),
  "hostname": stringCheck(hostname),
  "email": stringCheck(email),
  "date": stringCheck(date),
  "time": stringCheck(time),
  "date-time": stringCheck(dateTime),
  "uri": stringCheck(uri),
  "iri": stringCheck(uri),
  "uri-reference": stringCheck(uriReference),
  "iri-reference": stringCheck(uriReference),
  "uri-template": stringCheck(uriTemplate),
  "semver": stringCheck(semver),
};
