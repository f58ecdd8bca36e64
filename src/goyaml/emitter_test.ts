import assert from "node:assert/strict";
import fc from "fast-check";
import { Emitter } from "./emitter.ts";
import { Ev, type Event, ScalarStyle } from "./tokens.ts";

const MARK = { index: 0, line: 0, column: 0 };
const ev = (type: Ev, extra: Partial<Event> = {}): Event => ({ type, start: MARK, end: MARK, ...extra });

/** Scalars with the characters the writers treat specially: spaces, breaks, quotes, escapes, astral. */
const text = fc.array(
  fc.oneof(
    { arbitrary: fc.constantFrom(" ", "a", "word", "ab cd", "x".repeat(12)), weight: 8 },
    {
      arbitrary: fc.constantFrom(
        "  ",
        "\n",
        "\r",
        "\u0085",
        "\u2028",
        '"',
        "\\",
        "'",
        "\t",
        "\ufeff",
        "\u00a0",
      ),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(":", "#", "-", "é", "\u{1F600}", "\u0007", "\x7f"), weight: 1 },
  ),
  { maxLength: 30 },
).map((parts) => parts.join(""));

const style = fc.constantFrom(
  ScalarStyle.Any,
  ScalarStyle.Plain,
  ScalarStyle.DoubleQuoted,
  ScalarStyle.SingleQuoted,
  ScalarStyle.Literal,
);

type Tree = { s: string; style: ScalarStyle } | Tree[] | { m: Array<[string, Tree]> };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ s: text, style }),
    fc.array(tie("t"), { maxLength: 4 }),
    fc.record({ m: fc.array(fc.tuple(fc.string({ maxLength: 8 }), tie("t")), { maxLength: 4 }) }),
  ),
})).t;

function events(t: Tree, out: Event[]): void {
  if (Array.isArray(t)) {
    out.push(ev(Ev.SequenceStart, { implicit: true, flow: false }));
    for (const e of t) events(e, out);
    out.push(ev(Ev.SequenceEnd));
  } else if ("m" in t) {
    out.push(ev(Ev.MappingStart, { implicit: true, flow: false }));
    for (const [k, v] of t.m) {
      out.push(ev(Ev.Scalar, { value: k, implicit: true, quotedImplicit: true, style: ScalarStyle.Any }));
      events(v, out);
    }
    out.push(ev(Ev.MappingEnd));
  } else {
    out.push(ev(Ev.Scalar, { value: t.s, implicit: true, quotedImplicit: true, style: t.style }));
  }
}

function emit(t: Tree, v3: boolean, width: number, exact: boolean): string {
  const body: Event[] = [];
  events(t, body);
  const all = [
    ev(Ev.StreamStart),
    ev(Ev.DocumentStart, { implicit: true }),
    ...body,
    ev(Ev.DocumentEnd, {
      implicit: true,
    }),
    ev(Ev.StreamEnd),
  ];
  try {
    return new Emitter({ v3, indent: 2, width, exact }).emitAll(all);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

Deno.test("emitter: copying runs of a scalar whole writes what writing it code point by code point writes", () => {
  fc.assert(
    fc.property(tree, fc.boolean(), fc.constantFrom(80, 20, 12, -1), (t, v3, width) => {
      assert.equal(emit(t, v3, width, false), emit(t, v3, width, true));
    }),
    { numRuns: 3000 },
  );
});
