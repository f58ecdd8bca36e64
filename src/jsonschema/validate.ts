/**
 * Validating a value against a compiled {@link Schema}, keyword by keyword in
 * the order santhosh-tekuri/jsonschema v6 applies them, building the same
 * error tree (so messages, nesting and order match what helm prints).
 *
 * Values are charta's Go values: float64 as JS numbers, integers as
 * {@link GoInt}; schema literals are {@link JsonNumber}s.
 *
 * @module
 */
import { GoInt } from "../gotpl/value.ts";
import { formatFloat } from "../gotpl/ftoa.ts";
import type { Schema } from "./compile.ts";
import { JsonNumber } from "./json.ts";
import { Rat } from "./rat.ts";
import {
  boundMsg,
  constMsg,
  display,
  enumMsg,
  type ErrorKind,
  goInt,
  joinQuoted,
  msg,
  quote,
  type ValidationError,
} from "./errors.ts";

type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object" | "invalid";

function isObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  if (v instanceof GoInt || v instanceof JsonNumber) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isNumber(v: unknown): boolean {
  return typeof v === "number" || v instanceof GoInt || v instanceof JsonNumber;
}

/** The JSON type of a value, as the library names it. */
export function typeOf(v: unknown): JsonType {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return "boolean";
  if (isNumber(v)) return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  if (isObject(v)) return "object";
  return "invalid";
}

/** A number's exact value, from the text Go's `%v` gives it. */
function ratOf(v: unknown): Rat {
  if (v instanceof JsonNumber) return v.rat;
  if (v instanceof GoInt) return new Rat(v.value);
  return Rat.parse(formatFloat(v as number, "g", -1, 64)) ?? new Rat(0n);
}

function isInteger(v: unknown): boolean {
  if (typeof v === "number" && !Number.isFinite(v)) return false;
  return ratOf(v).isInt();
}

/** Deep equality as the library defines it (numbers compared exactly). */
export function equals(a: unknown, b: unknown): boolean {
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k]));
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => equals(x, b[i]));
  }
  if (a === null || a === undefined) return b === null || b === undefined;
  if (isNumber(a)) return isNumber(b) && ratOf(a).cmp(ratOf(b)) === 0;
  return a === b;
}

const TYPE_ORDER = ["null", "boolean", "number", "integer", "string", "array", "object"];

interface Scope {
  sch: Schema;
  refKeyword: string;
  vid: number;
  parent?: Scope;
}

interface Uneval {
  props?: Set<string>;
  items?: Set<number>;
}

function unevalFrom(v: unknown, sch: Schema, callerNeeds: boolean): Uneval {
  const u: Uneval = {};
  if (isObject(v)) {
    if (!sch.allPropsEvaluated && (callerNeeds || sch.unevaluatedProperties)) {
      u.props = new Set(Object.keys(v));
    }
  } else if (Array.isArray(v)) {
    if (
      !sch.allItemsEvaluated && (callerNeeds || sch.unevaluatedItems) && sch.numItemsEvaluated < v.length
    ) {
      u.items = new Set();
      for (let i = sch.numItemsEvaluated; i < v.length; i++) u.items.add(i);
    }
  }
  return u;
}

function unevalEmpty(u: Uneval): boolean {
  return (u.props?.size ?? 0) === 0 && (u.items?.size ?? 0) === 0;
}

function unevalMerge(u: Uneval, other: Uneval): void {
  // Deleting the entry being visited is safe in a Set iteration.
  if (u.props) { for (const k of u.props) if (!other.props?.has(k)) u.props.delete(k); }
  if (u.items) { for (const i of u.items) if (!other.items?.has(i)) u.items.delete(i); }
}

function kwLoc(sc: Scope): string {
  let loc = "";
  let s: Scope | undefined = sc;
  while (s?.parent) {
    if (s.refKeyword !== "") loc = `/${s.refKeyword.replaceAll("~", "~0").replaceAll("/", "~1")}${loc}`;
    else loc = s.sch.location.slice(s.parent.sch.location.length) + loc;
    s = s.parent;
  }
  return loc;
}

class Validator {
  errors: ValidationError[] = [];

  constructor(
    readonly v: unknown,
    readonly vloc: string[],
    readonly sch: Schema,
    readonly scp: Scope,
    public uneval: Uneval,
    readonly boolResult: boolean,
  ) {}

  error(kind: ErrorKind): ValidationError {
    return { schemaUrl: this.sch.location, instanceLocation: [...this.vloc], kind, causes: [] };
  }

  addErr(err: ValidationError | undefined): void {
    if (err) this.errors.push(err);
  }

  addError(kind: ErrorKind): void {
    this.errors.push(this.error(kind));
  }

  addErrors(errors: ValidationError[], kind: ErrorKind): void {
    const e = this.error(kind);
    e.causes = errors;
    this.errors.push(e);
  }

  checkCycle(): Scope | undefined {
    let scp = this.scp.parent;
    while (scp) {
      if (scp.vid !== this.scp.vid) break;
      if (scp.sch === this.scp.sch) return scp;
      scp = scp.parent;
    }
    return undefined;
  }

  /** Runs the schema; returns the unevaluated leftovers or throws nothing but returns an error. */
  validate(): [Uneval | undefined, ValidationError | undefined] {
    const s = this.sch;
    const v = this.v;
    if (s.bool !== undefined) {
      return s.bool ? [this.uneval, undefined] : [undefined, this.error(msg("", "false schema"))];
    }
    const cycle = this.checkCycle();
    if (cycle) {
      return [
        undefined,
        this.error(
          msg(
            "",
            `both ${kwLoc(this.scp)} and ${kwLoc(cycle)} resolve to ${
              JSON.stringify(s.location)
            } causing reference cycle`,
          ),
        ),
      ];
    }
    const t = typeOf(v);
    if (t === "invalid") return [undefined, this.error(msg("", `invalid jsonType ${goTypeName(v)}`))];

    if (s.types) {
      const ok = s.types.has(t) || (s.types.has("integer") && t === "number" && isInteger(v));
      if (!ok) {
        const want = TYPE_ORDER.filter((x) => s.types!.has(x)).join(" or ");
        return [undefined, this.error(msg("type", `got ${t}, want ${want}`))];
      }
    }
    if (s.constValue && !equals(v, s.constValue.value)) {
      return [undefined, this.error(constMsg(s.constValue.value))];
    }
    if (s.enumValues) {
      const matched = s.enumTypes!.has(t) && s.enumValues.some((item) => equals(v, item));
      if (!matched) return [undefined, this.error(enumMsg(s.enumValues))];
    }
    if (s.format) {
      const err = s.format(v);
      if (err !== undefined) {
        return [undefined, this.error(msg("format", `${display(v)} is not valid ${s.formatName}: ${err}`))];
      }
    }
    if (s.ref) {
      const err = this.validateRef(s.ref, "$ref");
      if (s.draft < 2019) return [this.uneval, err];
      this.addErr(err);
    }

    if (isObject(v)) this.objValidate(v);
    else if (Array.isArray(v)) this.arrValidate(v);
    else if (typeof v === "string") this.strValidate(v);
    else if (isNumber(v)) this.numValidate(v);

    if (this.errors.length === 0 || !this.boolResult) {
      if (s.draft >= 2019) this.validateRefs();
      this.condValidate();
      if (s.draft >= 2019) this.unevalValidate();
    }

    if (this.errors.length === 0) return [this.uneval, undefined];
    if (this.errors.length === 1) return [undefined, this.errors[0]];
    const group = this.error({ kind: "group" });
    group.causes = this.errors;
    return [undefined, group];
  }

  findMissing(obj: Record<string, unknown>, reqd: readonly string[]): string[] | undefined {
    const missing = reqd.filter((p) => !Object.hasOwn(obj, p));
    return missing.length ? missing : undefined;
  }

  /** draft 4-7 `dependencies`: required names, or a schema the whole object must pass. */
  dependenciesValidate(obj: Record<string, unknown>, deps: NonNullable<Schema["dependencies"]>): void {
    for (const [pname, dep] of deps) {
      if (!Object.hasOwn(obj, pname)) continue;
      if (Array.isArray(dep)) {
        const missing = this.findMissing(obj, dep);
        if (missing) {
          this.addError(
            msg("dependency", `properties ${joinQuoted(missing)} required, if ${quote(pname)} exists`),
          );
        }
      } else this.addErr(this.validateSelf(dep, "", false));
    }
  }

  objValidate(obj: Record<string, unknown>): void {
    const s = this.sch;
    const n = s.minProperties !== undefined || s.maxProperties !== undefined ? Object.keys(obj).length : 0;
    if (s.minProperties !== undefined && n < s.minProperties) {
      this.addError(msg("minProperties", `minProperties: got ${goInt(n)}, want ${goInt(s.minProperties)}`));
    }
    if (s.maxProperties !== undefined && n > s.maxProperties) {
      this.addError(msg("maxProperties", `maxProperties: got ${goInt(n)}, want ${goInt(s.maxProperties)}`));
    }
    if (s.required?.length) {
      const missing = this.findMissing(obj, s.required);
      if (missing) {
        this.addError(
          msg(
            "required",
            missing.length === 1
              ? `missing property ${quote(missing[0])}`
              : `missing properties ${joinQuoted(missing)}`,
          ),
        );
      }
    }
    if (this.boolResult && this.errors.length) return;

    if (s.dependencies) this.dependenciesValidate(obj, s.dependencies);
    // Values are walked for every schema node: no entry arrays or iterators per property.
    const additional: string[] = [];
    const patterns = s.patternProperties;
    for (const pname in obj) {
      if (this.boolResult && this.errors.length) return;
      const pvalue = obj[pname];
      let evaluated = false;
      const ps = s.properties?.get(pname);
      if (ps) {
        evaluated = true;
        this.addErr(this.validateVal(ps, pvalue, pname));
      }
      if (patterns) {
        for (const [re, sch] of patterns) {
          if (re.match(pname)) {
            evaluated = true;
            this.addErr(this.validateVal(sch, pvalue, pname));
          }
        }
      }
      if (!evaluated && s.additionalProperties !== undefined) {
        evaluated = true;
        if (s.additionalProperties === false) additional.push(pname);
        else if (s.additionalProperties !== true) {
          this.addErr(this.validateVal(s.additionalProperties, pvalue, pname));
        }
      }
      if (evaluated) this.uneval.props?.delete(pname);
    }
    if (additional.length) {
      this.addError(
        msg("additionalProperties", `additional properties ${joinQuoted(additional)} not allowed`),
      );
    }
    if (s.draft === 4) return;

    if (s.propertyNames) {
      for (const pname of Object.keys(obj)) {
        // The library validates each name as a document of its own, so locations restart at ''.
        const sub = new Validator(
          pname,
          [],
          s.propertyNames,
          {
            sch: s.propertyNames,
            refKeyword: "",
            vid: 0,
          },
          unevalFrom(pname, s.propertyNames, false),
          false,
        );
        const [, err] = sub.validate();
        if (err) {
          this.addErr({
            schemaUrl: s.propertyNames.location,
            instanceLocation: [],
            kind: msg("propertyNames", `invalid propertyName ${quote(pname)}`),
            causes: err.kind.kind === "group" ? err.causes : [err],
          });
        }
      }
    }
    if (s.draft === 6) return;

    for (const [pname, sch] of s.dependentSchemas ?? []) {
      if (Object.hasOwn(obj, pname)) this.addErr(this.validateSelf(sch, "", false));
    }
    for (const [pname, reqd] of s.dependentRequired ?? []) {
      if (!Object.hasOwn(obj, pname)) continue;
      const missing = this.findMissing(obj, reqd);
      if (missing) {
        this.addError(
          msg("dependentRequired", `properties ${joinQuoted(missing)} required, if ${quote(pname)} exists`),
        );
      }
    }
  }

  arrValidate(arr: unknown[]): void {
    const s = this.sch;
    if (s.minItems !== undefined && arr.length < s.minItems) {
      this.addError(msg("minItems", `minItems: got ${goInt(arr.length)}, want ${goInt(s.minItems)}`));
    }
    if (s.maxItems !== undefined && arr.length > s.maxItems) {
      this.addError(msg("maxItems", `maxItems: got ${goInt(arr.length)}, want ${goInt(s.maxItems)}`));
    }
    if (s.uniqueItems && arr.length > 1) {
      outer: for (let i = 1; i < arr.length; i++) {
        for (let j = 0; j < i; j++) {
          if (equals(arr[i], arr[j])) {
            this.addError(msg("uniqueItems", `items at ${goInt(j)} and ${goInt(i)} are equal`));
            break outer;
          }
        }
      }
    }
    if (s.draft < 2020) {
      let evaluated = 0;
      if (Array.isArray(s.items)) {
        const n = Math.min(arr.length, s.items.length);
        for (let i = 0; i < n; i++) this.addErr(this.validateVal(s.items[i], arr[i], String(i)));
        evaluated = n;
      } else if (s.items) {
        arr.forEach((item, i) => this.addErr(this.validateVal(s.items as Schema, item, String(i))));
        evaluated = arr.length;
      }
      if (s.additionalItems !== undefined) {
        if (s.additionalItems === false) {
          if (evaluated !== arr.length) {
            this.addError(
              msg("additionalItems", `last ${goInt(arr.length - evaluated)} additionalItem(s) not allowed`),
            );
          }
        } else if (s.additionalItems !== true) {
          // The library names these items by their offset past the evaluated ones.
          arr.slice(evaluated).forEach((item, i) =>
            this.addErr(this.validateVal(s.additionalItems as Schema, item, String(i)))
          );
        }
      }
    } else {
      const evaluated = Math.min(s.prefixItems?.length ?? 0, arr.length);
      for (let i = 0; i < evaluated; i++) this.addErr(this.validateVal(s.prefixItems![i], arr[i], String(i)));
      if (s.items2020) {
        arr.slice(evaluated).forEach((item, i) =>
          this.addErr(this.validateVal(s.items2020!, item, String(i)))
        );
      }
    }
    if (s.contains) {
      const errors: ValidationError[] = [];
      const matched: number[] = [];
      arr.forEach((item, i) => {
        const err = this.validateVal(s.contains!, item, String(i));
        if (err) errors.push(err);
        else {
          matched.push(i);
          if (s.draft >= 2020) this.uneval.items?.delete(i);
        }
      });
      if (s.minContains !== undefined) {
        if (matched.length < s.minContains) {
          this.addErrors(
            errors,
            msg(
              "minContains",
              matched.length === 0
                ? `min ${goInt(s.minContains)} items required to match contains schema, but none matched`
                : `min ${goInt(s.minContains)} items required to match contains schema, but matched ${
                  goInt(matched.length)
                } items at ${matched.join(" ")}`,
            ),
          );
        }
      } else if (matched.length === 0) {
        this.addErrors(errors, msg("contains", "no items match contains schema"));
      }
      if (s.maxContains !== undefined && matched.length > s.maxContains) {
        this.addError(
          msg(
            "maxContains",
            `max ${goInt(s.maxContains)} items required to match contains schema, but matched ${
              goInt(matched.length)
            } items at ${matched.join(" ")}`,
          ),
        );
      }
    }
  }

  strValidate(str: string): void {
    const s = this.sch;
    let len = -1;
    if (s.minLength !== undefined || s.maxLength !== undefined) len = [...str].length;
    if (s.minLength !== undefined && len < s.minLength) {
      this.addError(msg("minLength", `minLength: got ${goInt(len)}, want ${goInt(s.minLength)}`));
    }
    if (s.maxLength !== undefined && len > s.maxLength) {
      this.addError(msg("maxLength", `maxLength: got ${goInt(len)}, want ${goInt(s.maxLength)}`));
    }
    if (s.pattern && !s.pattern.match(str)) {
      this.addError(msg("pattern", `${quote(str)} does not match pattern ${quote(s.pattern.source)}`));
    }
  }

  numValidate(v: unknown): void {
    const s = this.sch;
    const n = ratOf(v);
    if (s.minimum && n.cmp(s.minimum) < 0) this.addError(boundMsg("minimum", n, s.minimum));
    if (s.maximum && n.cmp(s.maximum) > 0) this.addError(boundMsg("maximum", n, s.maximum));
    if (s.exclusiveMinimum && n.cmp(s.exclusiveMinimum) <= 0) {
      this.addError(boundMsg("exclusiveMinimum", n, s.exclusiveMinimum));
    }
    if (s.exclusiveMaximum && n.cmp(s.exclusiveMaximum) >= 0) {
      this.addError(boundMsg("exclusiveMaximum", n, s.exclusiveMaximum));
    }
    if (s.multipleOf && !n.isMultipleOf(s.multipleOf)) this.addError(boundMsg("multipleOf", n, s.multipleOf));
  }

  condValidate(): void {
    const s = this.sch;
    if (s.not && this.validateSelf(s.not, "", true) === undefined) this.addError(msg("", "'not' failed"));
    if (s.allOf?.length) {
      const errors: ValidationError[] = [];
      for (const sch of s.allOf) {
        const err = this.validateSelf(sch, "", false);
        if (err) {
          errors.push(err);
          if (this.boolResult) break;
        }
      }
      if (errors.length) this.addErrors(errors, msg("allOf", "'allOf' failed"));
    }
    if (s.anyOf?.length) {
      let matched = false;
      const errors: ValidationError[] = [];
      for (const sch of s.anyOf) {
        const err = this.validateSelf(sch, "", false);
        if (err) errors.push(err);
        else {
          matched = true;
          if (unevalEmpty(this.uneval)) break;
        }
      }
      if (!matched) this.addErrors(errors, msg("anyOf", "'anyOf' failed"));
    }
    if (s.oneOf?.length) {
      let matched = -1;
      const errors: ValidationError[] = [];
      for (let i = 0; i < s.oneOf.length; i++) {
        const err = this.validateSelf(s.oneOf[i], "", matched !== -1);
        if (err) {
          if (matched === -1) errors.push(err);
        } else if (matched === -1) matched = i;
        else {
          this.addError(msg("oneOf", `'oneOf' failed, subschemas ${goInt(matched)}, ${goInt(i)} matched`));
          break;
        }
      }
      if (matched === -1) this.addErrors(errors, msg("oneOf", "'oneOf' failed, none matched"));
    }
    if (s.ifSchema) {
      if (this.validateSelf(s.ifSchema, "", true) === undefined) {
        if (s.thenSchema) this.addErr(this.validateSelf(s.thenSchema, "", false));
      } else if (s.elseSchema) this.addErr(this.validateSelf(s.elseSchema, "", false));
    }
  }

  unevalValidate(): void {
    const s = this.sch;
    const v = this.v;
    if (isObject(v) && s.unevaluatedProperties) {
      for (const pname of this.uneval.props ?? []) {
        if (Object.hasOwn(v, pname)) this.addErr(this.validateVal(s.unevaluatedProperties, v[pname], pname));
      }
      this.uneval.props = undefined;
    }
    if (Array.isArray(v) && s.unevaluatedItems) {
      for (const i of [...(this.uneval.items ?? [])].sort((a, b) => a - b)) {
        this.addErr(this.validateVal(s.unevaluatedItems, v[i], String(i)));
      }
      this.uneval.items = undefined;
    }
  }

  validateSelf(sch: Schema, refKw: string, boolResult: boolean): ValidationError | undefined {
    const scp: Scope = { sch, refKeyword: refKw, vid: this.scp.vid, parent: this.scp };
    const uneval = unevalFrom(this.v, sch, !unevalEmpty(this.uneval));
    const sub = new Validator(this.v, this.vloc, sch, scp, uneval, this.boolResult || boolResult);
    const [u, err] = sub.validate();
    if (!err && u) unevalMerge(this.uneval, u);
    return err;
  }

  validateVal(sch: Schema, v: unknown, tok: string): ValidationError | undefined {
    const scp: Scope = { sch, refKeyword: "", vid: this.scp.vid + 1, parent: this.scp };
    const sub = new Validator(v, [...this.vloc, tok], sch, scp, unevalFrom(v, sch, false), this.boolResult);
    return sub.validate()[1];
  }

  validateRef(sch: Schema, kw: string): ValidationError | undefined {
    const err = this.validateSelf(sch, kw, false);
    if (!err) return undefined;
    const refErr = this.error({ kind: "reference", keyword: kw, url: sch.location });
    refErr.causes = err.kind.kind === "group" ? err.causes : [err];
    return refErr;
  }

  resolveRecursiveAnchor(fallback: Schema): Schema {
    let sch = fallback;
    for (let scp: Scope | undefined = this.scp; scp; scp = scp.parent) {
      if (scp.sch.resource?.recursiveAnchor) sch = scp.sch;
    }
    return sch;
  }

  resolveDynamicAnchor(name: string, fallback: Schema): Schema {
    let sch = fallback;
    for (let scp: Scope | undefined = this.scp; scp; scp = scp.parent) {
      const d = scp.sch.resource?.dynamicAnchors?.get(name);
      if (d) sch = d;
    }
    return sch;
  }

  validateRefs(): void {
    const s = this.sch;
    if (s.recursiveRef) {
      let sch = s.recursiveRef;
      if (sch.recursiveAnchor) sch = this.resolveRecursiveAnchor(sch);
      this.addErr(this.validateRef(sch, "$recursiveRef"));
    }
    if (s.dynamicRef) {
      let sch = s.dynamicRef.ref;
      if (s.dynamicRef.anchor !== "" && sch.dynamicAnchor === s.dynamicRef.anchor) {
        sch = this.resolveDynamicAnchor(s.dynamicRef.anchor, sch);
      }
      this.addErr(this.validateRef(sch, "$dynamicRef"));
    }
  }
}

function goTypeName(v: unknown): string {
  if (v instanceof Uint8Array) return "[]uint8";
  if (typeof v === "function") return "func()";
  if (typeof v === "object" && v !== null) return (v as { goType?: string }).goType ?? typeof v;
  return typeof v;
}

/**
 * Validates `value` against `schema`; returns the library's error tree
 * (rooted at a `jsonschema validation failed with '<location>'` node) or
 * undefined when the value is valid.
 */
export function validateValue(schema: Schema, value: unknown): ValidationError | undefined {
  const vd = new Validator(
    value,
    [],
    schema,
    { sch: schema, refKeyword: "", vid: 0 },
    unevalFrom(
      value,
      schema,
      false,
    ),
    false,
  );
  const [, err] = vd.validate();
  if (!err) return undefined;
  return {
    schemaUrl: schema.location,
    instanceLocation: [],
    kind: { kind: "schema", location: schema.location },
    causes: err.kind.kind === "group" ? err.causes : [err],
  };
}
