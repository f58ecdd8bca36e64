import assert from "node:assert/strict";
import fc from "fast-check";
import {
  fixedZone,
  formatDuration,
  GoTime,
  loadLocation,
  parseDuration,
  parseTime,
  roundDuration,
  setLocalLocation,
  UTC,
} from "./mod.ts";
import { civilFromDays, daysFromCivil } from "./civil.ts";
import { GO_TIME_CASES, type TimeCase } from "./testdata_go_cases.ts";

// The recorded cases need the system time zone database, as Go does.
const hasZoneinfo = (() => {
  try {
    Deno.statSync("/usr/share/zoneinfo/Europe/Berlin");
    return true;
  } catch {
    return false;
  }
})();

function run(c: TimeCase): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const loc = c.zone === undefined ? undefined : loadLocation(c.zone);
  switch (c.kind) {
    case "format": {
      if (loc === undefined) return { err: "no such zone" };
      const t = GoTime.unix(c.sec!, c.nsec!).in(loc);
      try {
        out.json = t.toJSONString();
      } catch (e) {
        out.json = "ERR " + (e as Error).message;
      }
      out.s = t.format(c.layout!);
      out.str = t.toString();
      return out;
    }
    case "parse":
      try {
        const t = GoTime.fromInstant(parseTime(c.layout!, c.value!, loc!, loc!));
        return { loc: t.loc.name, str: t.toString(), unix: t.sec };
      } catch (e) {
        return { err: (e as Error).message };
      }
    case "dur":
      try {
        const d = parseDuration(c.value!);
        return { ns: Number(d), str: formatDuration(d) };
      } catch (e) {
        return { err: (e as Error).message };
      }
    case "durfmt":
      return { round: Number(roundDuration(BigInt(c.d!), BigInt(c.m!))), str: formatDuration(BigInt(c.d!)) };
    case "adddate": {
      const t = GoTime.unix(c.sec!, c.nsec!).in(loc!);
      return {
        add: t.add(BigInt(c.d!) * 3600000000000n).toString(),
        str: t.addDate(c.d!, c.m!, c.d! - c.m!).toString(),
      };
    }
  }
}

const sorted = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(o).sort()));

Deno.test({
  name: "gotime: recorded Go results for Format, ParseInLocation, durations and date arithmetic",
  ignore: !hasZoneinfo,
  fn() {
    setLocalLocation(UTC);
    try {
      for (const [c, want] of GO_TIME_CASES) assert.equal(sorted(run(c)), sorted(want), JSON.stringify(c));
    } finally {
      setLocalLocation(undefined);
    }
  },
});

Deno.test("gotime: String() of a zero time and of a monotonic reading", () => {
  assert.equal(GoTime.zero().toString(), "0001-01-01 00:00:00 +0000 UTC");
  const t = new GoTime(0, 5, UTC, 1_234_567_890n);
  assert.equal(t.toString(), "1970-01-01 00:00:00.000000005 +0000 UTC m=+1.234567890");
  assert.match(GoTime.now().toString(), / m=\+\d+\.\d{9}$/);
  assert.equal(t.add(1n).mono, 1_234_567_891n);
  assert.equal(t.in(UTC).mono, undefined);
});

Deno.test("gotime: unnamed fixed zones print their offset as the abbreviation", () => {
  const t = GoTime.unix(0, 0, fixedZone("", 5 * 3600 + 1800));
  assert.equal(t.toString(), "1970-01-01 05:30:00 +0530 +0530");
  assert.equal(t.format("MST"), "+0530");
});

Deno.test("gotime: durations at the int64 limits", () => {
  assert.equal(formatDuration(-(1n << 63n)), "-2562047h47m16.854775808s");
  assert.equal(formatDuration((1n << 63n) - 1n), "2562047h47m16.854775807s");
  assert.equal(roundDuration((1n << 63n) - 1n, 1000000000n), (1n << 63n) - 1n);
  assert.equal(roundDuration(-(1n << 63n), 1000000000n), -(1n << 63n));
});

Deno.test("gotime property: civil date conversion round-trips", () => {
  fc.assert(
    fc.property(fc.integer({ min: -800000, max: 3000000 }), (days) => {
      const { year, month, day } = civilFromDays(days);
      return daysFromCivil(year, month, day) === days && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }),
  );
});

Deno.test("gotime property: RFC 3339 with nanoseconds round-trips through Format and Parse", () => {
  const layout = "2006-01-02T15:04:05.999999999Z07:00";
  fc.assert(
    fc.property(
      // Keep the local year within 0001–9999, which the layout can hold.
      fc.integer({ min: -62135596800 + 15 * 3600, max: 253402300799 - 15 * 3600 }),
      fc.integer({ min: 0, max: 999999999 }),
      fc.integer({ min: -14 * 60, max: 14 * 60 }),
      (sec, nsec, offMin) => {
        const t = GoTime.unix(sec, nsec, fixedZone("", offMin * 60));
        const back = parseTime(layout, t.format(layout), UTC, UTC);
        return back.sec === sec && back.nsec === nsec;
      },
    ),
  );
});

Deno.test("gotime property: Duration String() parses back to the same value", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(1n << 63n) + 1n, max: (1n << 63n) - 1n }),
      (d) => parseDuration(formatDuration(d)) === d,
    ),
  );
});
