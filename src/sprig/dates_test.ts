import assert from "node:assert/strict";
import { GoTime, loadLocation, setLocalLocation, UTC } from "../gotime/mod.ts";
import { dateFuncs } from "./dates.ts";
import { sprigFuncs } from "./mod.ts";
import { c, I, I64, runCases, runTemplateCases, tc } from "./test_cases.ts";

// The expectations assume Local = UTC, as on the machines the oracle ran on; the
// tests pin it so that a developer's TZ does not matter.
setLocalLocation(UTC);

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  c("date", "2006-01-02 15:04:05 MST", I(1700000000)).is("2023-11-14 22:13:20 UTC"),
  c("date", "2006-01-02", I64(86400)).is("1970-01-02"),
  c("date", "2006-01-02", I(-1, "int32")).is("1969-12-31"),
  c("dateInZone", "Mon Jan _2 15:04:05 -0700 MST 2006", I(1700000000), "America/New_York").is("Tue Nov 14 17:13:20 -0500 EST 2023"),
  c("dateInZone", "2006-01-02T15:04:05Z07:00", I(1720000000), "Europe/Berlin").is("2024-07-03T11:46:40+02:00"),
  c("dateInZone", "3:04PM MST", I(1720000000), "Asia/Kolkata").is("3:16PM IST"),
  c("dateInZone", "15:04 MST", I(0), "No/Such_Zone").is("00:00 UTC"),
  c("dateInZone", "15:04 MST", I(0), "").is("00:00 UTC"),
  c("date_in_zone", "Jan 2 2006 .000", I(1), "UTC").is("Jan 1 1970 .000"),
  c("htmlDate", I(1700000000)).is("2023-11-14"),
  c("htmlDateInZone", I(1700000000), "Pacific/Kiritimati").is("2023-11-15"),
  c("duration", "95").is("1m35s"),
  c("duration", I64(3700)).is("1h1m40s"),
  c("duration", I(95)).is("0s"),
  c("duration", 95).is("0s"),
  c("duration", "1.5").is("0s"),
  c("duration", "-1").is("-1s"),
  c("duration", "9223372036854775807").is("-1s"),
  c("duration", "99999999999999999999").is("-1s"),
  c("durationRound", "2h10m").is("2h"),
  c("durationRound", "-2h10m").is("2h"),
  c("durationRound", "1h").is("60m"),
  c("durationRound", "61s").is("1m"),
  c("durationRound", "1s").is("0s"),
  c("durationRound", "800h").is("1mo"),
  c("durationRound", "9000h").is("1y"),
  c("durationRound", "bogus").is("0s"),
  c("durationRound", I64(90000000000)).is("1m"),
  c("durationRound", I(90000000000)).is("0s"),
];

runCases("dates", dateFuncs, CASES);

// deno-fmt-ignore
export const TEMPLATE_CASES = [
  tc('{{ toDate "2006-01-02" "2024-02-29" | date "Mon Jan 2 2006" }}').is("Thu Feb 29 2024"),
  tc('{{ toDate "2006-01-02" "2023-02-29" }}').is("0001-01-01 00:00:00 +0000 UTC"),
  tc('{{ mustToDate "2006-01-02" "2023-02-29" }}').fails('template: t:1:3: executing "t" at <mustToDate "2006-01-02" "2023-02-29">: error calling mustToDate: parsing time "2023-02-29": day out of range'),
  tc('{{ mustToDate "2006-01-02" "24-1-1" }}').fails('template: t:1:3: executing "t" at <mustToDate "2006-01-02" "24-1-1">: error calling mustToDate: parsing time "24-1-1" as "2006-01-02": cannot parse "24-1-1" as "2006"'),
  tc('{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-10T01:30:00-05:00" | unixEpoch }}').is("1710052200"),
  tc('{{ toDate "2006-01-02 15:04:05.000 -0700" "2024-03-10 01:30:00.250 +0530" }}').is("2024-03-10 01:30:00.25 +0530 +0530"),
  tc('{{ toDate "2006-01-02" "2024-01-15" | dateModify "36h" | date "2006-01-02 15:04" }}').is("2024-01-16 12:00"),
  tc('{{ toDate "2006-01-02" "2024-01-15" | dateModify "-1.5h" }}').is("2024-01-14 22:30:00 +0000 UTC"),
  tc('{{ toDate "2006-01-02" "2024-01-15" | dateModify "3d" | date "2006-01-02" }}').is("2024-01-15"),
  tc('{{ toDate "2006-01-02" "2024-01-15" | mustDateModify "3d" }}').fails('template: t:1:38: executing "t" at <mustDateModify "3d">: error calling mustDateModify: time: unknown unit "d" in duration "3d"'),
  tc('{{ dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02 15:04" "2024-03-31 00:30" | dateModify "2h") "Europe/London" }}').is("2024-03-31 03:30 BST"),
  tc('{{ date "2006" .Values.f | len }} {{ date "2006" "x" | len }}', { f: 1.5 }).is("4 4"),
  tc('{{ (toDate "2006-01-02" "2024-07-04").Year }} {{ (toDate "2006-01-02" "2024-07-04").YearDay }}').is("2024 186"),
  tc('{{ (toDate "2006-01-02" "2024-07-04").Format "Monday" }}').is("Thursday"),
  tc('{{ typeOf now }} {{ typeOf (toDate "2006" "2020") }}').is("time.Time time.Time"),
  tc('{{ ago (toDate "2006" "2020") | len | lt 5 }}').is("true"),
  tc('{{ unixEpoch (toDate "2006-01-02" "1969-12-31") }}').is("-86400"),
];

runTemplateCases("dates", { ...sprigFuncs(), ...dateFuncs }, TEMPLATE_CASES);

Deno.test("dates: now carries a monotonic reading and ago rounds to seconds", () => {
  const now = (dateFuncs.now.fn as () => GoTime)();
  assert.match(now.toString(), / UTC m=\+\d+\.\d{9}$/);
  const ago = dateFuncs.ago.fn as (d: unknown) => string;
  assert.equal(ago(now), "0s");
  assert.equal(ago(GoTime.unix(Math.floor(Date.now() / 1000) - 3725)).replace(/[56]s$/, "Xs"), "1h2mXs");
});

Deno.test("dates: Local comes from TZ like Go", () => {
  const berlin = loadLocation("Europe/Berlin");
  if (berlin === undefined) return; // no zoneinfo on this machine: Go would fall back to UTC too
  setLocalLocation(berlin);
  try {
    const date = dateFuncs.date.fn as (f: string, d: unknown) => string;
    assert.equal(date("2006-01-02 15:04 MST", I(1720000000)), "2024-07-03 11:46 CEST");
  } finally {
    setLocalLocation(UTC);
  }
});
