/**
 * apimachinery's label selector language (`labels.Parse`), as `helm list
 * --selector` reads it: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`,
 * `k notin (a,b)`, `k>1`, `k<1`, comma-separated; the same lexer, parser
 * and error texts.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { validateLabelValue } from "../storage/driver.ts";

const enum Tok {
  Error,
  End,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: Record<string, Tok> = {
  ")": Tok.ClosedPar,
  ",": Tok.Comma,
  "!": Tok.DoesNotExist,
  "==": Tok.DoubleEquals,
  "=": Tok.Equals,
  ">": Tok.GreaterThan,
  "in": Tok.In,
  "<": Tok.LessThan,
  "!=": Tok.NotEquals,
  "notin": Tok.NotIn,
  "(": Tok.OpenPar,
};

const isWhitespace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isSpecial = (c: string) => "=!(),><".includes(c) && c !== "";

function lex(s: string): Array<[Tok, string]> {
  let pos = 0;
  const read = () => (pos < s.length ? s[pos++] : "");
  const items: Array<[Tok, string]> = [];
  for (;;) {
    let ch = read();
    while (ch !== "" && isWhitespace(ch)) ch = read();
    let item: [Tok, string];
    if (ch === "") item = [Tok.End, ""];
    else if (isSpecial(ch)) {
      pos--;
      let buf = "";
      let last: [Tok, string] | undefined;
      for (;;) {
        const c = read();
        if (c === "") break;
        if (isSpecial(c)) {
          buf += c;
          const t = STRING_TO_TOKEN[buf];
          if (t !== undefined) last = [t, buf];
          else if (last) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      item = last ?? [Tok.Error, `error expected: keyword found '${buf}'`];
    } else {
      pos--;
      let buf = "";
      for (;;) {
        const c = read();
        if (c === "") break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buf += c;
      }
      item = [STRING_TO_TOKEN[buf] ?? Tok.Identifier, buf];
    }
    items.push(item);
    if (item[0] === Tok.End) return items;
  }
}

type Op = "in" | "notin" | "=" | "==" | "!=" | "gt" | "lt" | "exists" | "!";

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** apimachinery's `IsQualifiedName` errors, for label keys. */
function labelKeyErrors(k: string): string[] {
  const errs: string[] = [];
  const parts = k.split("/");
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else {
    return [
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push("name part must be no more than 63 bytes");
  if (!QUALIFIED_NAME.test(name)) {
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errs;
}

const goQuote = (s: string) => JSON.stringify(s);

function parseRequirements(selector: string): Requirement[] {
  const items = lex(selector);
  let pos = 0;
  const values = (t: Tok) => (t === Tok.In || t === Tok.NotIn ? Tok.Identifier : t);
  const lookahead = (ctx: "values" | "op"): [Tok, string] => {
    const [t, l] = items[pos];
    return [ctx === "values" ? values(t) : t, l];
  };
  const consume = (ctx: "values" | "op"): [Tok, string] => {
    const [t, l] = items[pos++];
    return [ctx === "values" ? values(t) : t, l];
  };
  const fail = (m: string): never => {
    throw new Error(m);
  };

  const parseRequirement = (): Requirement => {
    let op: Op | undefined;
    let [tok, key] = consume("values");
    if (tok === Tok.DoesNotExist) {
      op = "!";
      [tok, key] = consume("values");
    }
    if (tok !== Tok.Identifier) fail(`found '${key}', expected: identifier`);
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length > 0) fail(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrs.join("; ")}`);
    const [next] = lookahead("values");
    if (next === Tok.End || next === Tok.Comma) {
      if (op !== "!") op = "exists";
    }
    if (op === "exists" || op === "!") return { key, op, values: [] };
    const [ot, ol] = consume("op");
    const opOf: Partial<Record<Tok, Op>> = {
      [Tok.In]: "in",
      [Tok.Equals]: "=",
      [Tok.DoubleEquals]: "==",
      [Tok.GreaterThan]: "gt",
      [Tok.LessThan]: "lt",
      [Tok.NotIn]: "notin",
      [Tok.NotEquals]: "!=",
    };
    op = opOf[ot];
    if (!op) return fail(`found '${ol}', expected: in, notin, =, ==, !=, gt, lt`);
    let vals: Set<string>;
    if (op === "in" || op === "notin") {
      const [t, l] = consume("values");
      if (t !== Tok.OpenPar) fail(`found '${l}' expected: '('`);
      const [t2, l2] = lookahead("values");
      if (t2 === Tok.Identifier || t2 === Tok.Comma) {
        vals = new Set();
        for (;;) {
          const [it, il] = consume("values");
          if (it === Tok.Identifier) {
            vals.add(il);
            const [t3, l3] = lookahead("values");
            if (t3 === Tok.Comma) continue;
            if (t3 === Tok.ClosedPar) break;
            fail(`found '${l3}', expected: ',' or ')'`);
          } else if (it === Tok.Comma) {
            if (vals.size === 0) vals.add("");
            const [t3] = lookahead("values");
            if (t3 === Tok.ClosedPar) {
              vals.add("");
              break;
            }
            if (t3 === Tok.Comma) vals.add("");
          } else fail(`found '${il}', expected: ',', or identifier`);
        }
        if (consume("values")[0] !== Tok.ClosedPar) fail(`found '${l2}', expected: ')'`);
      } else if (t2 === Tok.ClosedPar) {
        consume("values");
        vals = new Set([""]);
      } else return fail(`found '${l2}', expected: ',', ')' or identifier`);
    } else {
      const [t] = lookahead("values");
      if (t === Tok.End || t === Tok.Comma) vals = new Set([""]);
      else {
        const [vt, vl] = consume("values");
        if (vt !== Tok.Identifier) fail(`found '${vl}', expected: identifier`);
        vals = new Set([vl]);
      }
    }
    const list = [...vals].sort();
    const errs: string[] = [];
    if ((op === "gt" || op === "lt")) {
      list.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) {
          errs.push(
            `values[${i}]: Invalid value: ${
              goQuote(v)
            }: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
      });
    }
    list.forEach((v, i) => {
      const ve = validateLabelValue(v);
      if (ve.length > 0) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${ve.join("; ")}`);
    });
    if (errs.length === 1) fail(errs[0]);
    if (errs.length > 1) fail(`[${errs.join(", ")}]`);
    return { key, op, values: list };
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const [tok, lit] = lookahead("values");
    if (tok === Tok.Identifier || tok === Tok.DoesNotExist) {
      try {
        reqs.push(parseRequirement());
      } catch (e) {
        throw new ChartaError(`unable to parse requirement: ${(e as Error).message}`);
      }
      const [t, l] = consume("values");
      if (t === Tok.End) return reqs;
      if (t === Tok.Comma) {
        const [t2, l2] = lookahead("values");
        if (t2 !== Tok.Identifier && t2 !== Tok.DoesNotExist) {
          throw new ChartaError(`found '${l2}', expected: identifier after ','`);
        }
      } else throw new ChartaError(`found '${l}', expected: ',' or 'end of string'`);
    } else if (tok === Tok.End) return reqs;
    else throw new ChartaError(`found '${lit}', expected: !, identifier, or 'end of string'`);
  }
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(v);
    case "notin":
    case "!=":
      return !has || !r.values.includes(v);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || !/^[+-]?\d+$/.test(v) || r.values.length !== 1) return false;
      const a = BigInt(v);
      const b = BigInt(r.values[0]);
      return r.op === "gt" ? a > b : a < b;
    }
  }
}

/**
 * Parses a selector as `labels.Parse` and returns its predicate.
 *
 * @throws {ChartaError} apimachinery's parse errors
 */
export function parseLabelSelector(selector: string): (labels: Record<string, string>) => boolean {
  const reqs = parseRequirements(selector);
  return (labels) => reqs.every((r) => matches(r, labels));
}
