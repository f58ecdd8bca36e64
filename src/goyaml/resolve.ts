/**
 * Plain-scalar resolution of go-yaml v2 (YAML 1.1 flavoured) and v3, and the
 * Go number parsing it relies on (`strconv.ParseInt(s, 0, 64)` and friends).
 *
 * @module
 */

/** Long tag names, as the parser reports them. */
export const TAG = {
  null: "tag:yaml.org,2002:null",
  bool: "tag:yaml.org,2002:bool",
  str: "tag:yaml.org,2002:str",
  int: "tag:yaml.org,2002:int",
  float: "tag:yaml.org,2002:float",
  timestamp: "tag:yaml.org,2002:timestamp",
  seq: "tag:yaml.org,2002:seq",
  map: "tag:yaml.org,2002:map",
  binary: "tag:yaml.org,2002:binary",
  merge: "tag:yaml.org,2002:merge",
} as const;

const LONG_PREFIX = "tag:yaml.org,2002:";

/** `!!x` for a long tag in the yaml.org namespace. */
export function shortTag(tag: string): string {
  return tag.startsWith(LONG_PREFIX) ? "!!" + tag.slice(LONG_PREFIX.length) : tag;
}

/** A Go integer produced by resolution: `int` (signed 64-bit) or `uint64`. */
export class ResolvedInt {
  constructor(readonly value: bigint, readonly unsigned: boolean) {}
}

/** What a scalar resolves to. */
export type Resolved = null | boolean | string | number | ResolvedInt;

/** The result of {@link resolve}: the tag and the Go value. */
export interface Resolution {
  tag: string;
  value: Resolved;
}

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 99;
}

/**
 * Go's unsigned digit parsing for base 2..36, or base 0 (prefix-detected).
 * Returns undefined on syntax error or overflow. Underscores are handled by
 * the callers (go-yaml strips them first).
 */
function parseUintGo(s: string, base: number): bigint | undefined {
  if (s.length === 0) return undefined;
  if (base === 0) {
    base = 10;
    if (s[0] === "0") {
      if (s.length >= 3 && (s[1] === "b" || s[1] === "B")) {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && (s[1] === "o" || s[1] === "O")) {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && (s[1] === "x" || s[1] === "X")) {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
        if (s.length === 0) return 0n;
      }
    }
  }
  let n = 0n;
  const b = BigInt(base);
  for (const c of s) {
    const d = digitValue(c);
    if (d >= base) return undefined;
    n = n * b + BigInt(d);
    if (n > MAX_UINT64) return undefined;
  }
  return n;
}

/** `strconv.ParseInt(s, base, 64)`; undefined on any error. */
export function parseIntGo(s: string, base: number): bigint | undefined {
  if (s.length === 0) return undefined;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  const u = parseUintGo(s, base);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  if (v < MIN_INT64 || v > MAX_INT64) return undefined;
  return v;
}

/** `strconv.ParseUint(s, base, 64)`; undefined on any error. */
export function parseUintGoStrict(s: string, base: number): bigint | undefined {
  return parseUintGo(s, base);
}

/**
 * `strconv.ParseFloat(s, 64)` for the forms go-yaml hands it: decimal
 * floats (the YAML float regex already matched) and the '.'-prefixed forms.
 * Go also accepts hex floats, `inf`, `nan` and underscores (after a base
 * prefix); out-of-range values are errors (undefined), underflow gives 0.
 */
export function parseFloatGo(s: string): number | undefined {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2].toLowerCase() === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?\d[\d_]*)$/.exec(s);
  if (hex && (hex[2] + (hex[3] ?? "")).replace(/_/g, "").length > 0) {
    const mant = (hex[2] + (hex[3] ?? "")).replace(/_/g, "");
    const exp = Number(hex[4].replace(/_/g, "")) - 4 * (hex[3] ?? "").replace(/_/g, "").length;
    const v = Number(BigInt("0x" + mant)) * 2 ** exp;
    if (!Number.isFinite(v)) return undefined;
    return hex[1] === "-" ? -v : v;
  }
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

const V2_MAP = new Map<string, Resolution>();
const V3_MAP = new Map<string, Resolution>();
{
  const add = (m: Map<string, Resolution>, tag: string, value: Resolved, names: string[]) => {
    for (const n of names) m.set(n, { tag, value });
  };
  for (const m of [V2_MAP, V3_MAP]) {
    add(m, TAG.bool, true, ["true", "True", "TRUE"]);
    add(m, TAG.bool, false, ["false", "False", "FALSE"]);
    add(m, TAG.null, null, ["", "~", "null", "Null", "NULL"]);
    add(m, TAG.float, NaN, [".nan", ".NaN", ".NAN"]);
    add(m, TAG.float, Infinity, [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
    add(m, TAG.float, -Infinity, ["-.inf", "-.Inf", "-.INF"]);
    add(m, TAG.merge, "<<", ["<<"]);
  }
  add(V2_MAP, TAG.bool, true, ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]);
  add(V2_MAP, TAG.bool, false, ["n", "N", "no", "No", "NO", "off", "Off", "OFF"]);
}

function hintOf(c: string | undefined): string {
  if (c === undefined) return "N";
  if (c === "+" || c === "-") return "S";
  if (c >= "0" && c <= "9") return "D";
  if ("yYnNtTfFoO~".includes(c)) return "M";
  if (c === ".") return ".";
  return "";
}

/**
 * go-yaml's timestamp check: `YYYY-` then one of Go's layouts
 * (`2006-1-2T15:4:5.999999999Z07:00`, with `t`, with a space and no zone,
 * or a bare date).
 */
export function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  for (const re of TIMESTAMP_FORMS) {
    const m = re.exec(s);
    if (m && validDateTime(m)) return true;
  }
  return false;
}

const TS_DATE = String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`;
const TS_TIME = String.raw`(\d{1,2}):(\d{1,2}):(\d{1,2})([.,]\d+)?`;
const TS_ZONE = String.raw`(Z|[+-]\d{2}:\d{2})`;
const TIMESTAMP_FORMS = [
  new RegExp(`^${TS_DATE}T${TS_TIME}${TS_ZONE}$`),
  new RegExp(`^${TS_DATE}t${TS_TIME}${TS_ZONE}$`),
  new RegExp(`^${TS_DATE} ${TS_TIME}$`),
  new RegExp(`^${TS_DATE}$`),
];

function validDateTime(m: RegExpExecArray): boolean {
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  // Go's layout "1"/"2" accept one or two digits; "01" style is also fine.
  if (month < 1 || month > 12) return false;
  const days = [
    31,
    (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (day < 1 || day > days[month - 1]) return false;
  if (m[4] !== undefined) {
    const h = Number(m[4]), mi = Number(m[5]), sec = Number(m[6]);
    if (h > 23 || mi > 59 || sec > 59) return false;
    const z = m[8];
    if (z !== undefined && z !== "Z") {
      const zh = Number(z.slice(1, 3)), zm = Number(z.slice(4, 6));
      // Go's range check for offsets uses > (24:00 and xx:60 pass).
      if (zh > 24 || zm > 60) return false;
    }
  }
  return true;
}

function resolveInt(plain: string, base: number, signedOnly = false): Resolution | undefined {
  const i = parseIntGo(plain, base);
  if (i !== undefined) return { tag: TAG.int, value: new ResolvedInt(i, false) };
  if (signedOnly) return undefined;
  const u = parseUintGo(plain, base);
  if (u !== undefined) return { tag: TAG.int, value: new ResolvedInt(u, true) };
  return undefined;
}

function resolvable(tag: string): boolean {
  return tag === "" || tag === TAG.str || tag === TAG.bool || tag === TAG.int || tag === TAG.float ||
    tag === TAG.null || tag === TAG.timestamp;
}

/** Raised when an explicitly tagged scalar does not fit its tag. */
export class ResolveError extends Error {}

/**
 * Resolves a scalar as go-yaml's `resolve(tag, in)`: an explicit tag is
 * checked (`cannot decode !!str `x` as a !!int`), an empty tag resolves the
 * plain scalar by its shape. `v3` selects go-yaml v3's table (no yes/no/on/off
 * booleans, `0o` octal).
 */
export function resolve(tag: string, input: string, v3 = false): Resolution {
  if (!resolvable(tag)) return { tag, value: input };
  const r = resolveUntyped(tag, input, v3);
  if (tag === "" || tag === r.tag || tag === TAG.str || tag === TAG.binary) return r;
  if (tag === TAG.float && r.tag === TAG.int && r.value instanceof ResolvedInt && !r.value.unsigned) {
    return { tag: TAG.float, value: Number(r.value.value) };
  }
  throw new ResolveError(`cannot decode ${shortTag(r.tag)} \`${input}\` as a ${shortTag(tag)}`);
}

function resolveUntyped(tag: string, input: string, v3: boolean): Resolution {
  const hint = hintOf(input[0]);
  if (hint === "" || tag === TAG.str || tag === TAG.binary) return { tag: TAG.str, value: input };
  const known = (v3 ? V3_MAP : V2_MAP).get(input);
  if (known) return known;
  switch (hint) {
    case ".": {
      const f = parseFloatGo(input);
      if (f !== undefined) return { tag: TAG.float, value: f };
      break;
    }
    case "D":
    case "S": {
      if ((tag === "" || tag === TAG.timestamp) && isTimestamp(input)) {
        return { tag: TAG.timestamp, value: input };
      }
      const plain = input.replace(/_/g, "");
      const i = resolveInt(plain, 0);
      if (i) return i;
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseFloatGo(plain);
        if (f !== undefined) return { tag: TAG.float, value: f };
      }
      if (plain.startsWith("0b")) {
        const r = resolveInt(plain.slice(2), 2);
        if (r) return r;
      } else if (plain.startsWith("-0b")) {
        const r = resolveInt("-" + plain.slice(3), 2, true);
        if (r) return r;
      }
      if (v3) {
        if (plain.startsWith("0o")) {
          const r = resolveInt(plain.slice(2), 8);
          if (r) return r;
        } else if (plain.startsWith("-0o")) {
          const r = resolveInt("-" + plain.slice(3), 8, true);
          if (r) return r;
        }
      }
      break;
    }
  }
  return { tag: TAG.str, value: input };
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** go-yaml's `isBase60Float`: YAML 1.1 sexagesimal forms are quoted on output. */
export function isBase60Float(s: string): boolean {
  if (s === "") return false;
  const c = s[0];
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return BASE60.test(s);
}

/** go-yaml v3's `isOldBool`: YAML 1.1 booleans quoted for compatibility. */
export function isOldBool(s: string): boolean {
  return ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]
    .includes(s);
}
