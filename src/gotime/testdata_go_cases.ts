/**
 * Results recorded from Go 1.26's time package (with TZ=UTC and the system
 * zoneinfo) for cases written for charta: Format / String / MarshalJSON of
 * instants in various zones, ParseInLocation, ParseDuration, Duration.String
 * and Round, AddDate and Add.
 *
 * @module
 */

/** What to run; see time_test.ts for how each kind maps onto the API. */
export interface TimeCase {
  kind: "format" | "parse" | "dur" | "durfmt" | "adddate";
  sec?: number;
  nsec?: number;
  zone?: string;
  layout?: string;
  value?: string;
  d?: number;
  m?: number;
}

/** [case, Go's results] */
export const GO_TIME_CASES: [TimeCase, Record<string, unknown>][] = [
  [{ "kind": "format", "sec": 0, "nsec": 999999999, "zone": "UTC", "layout": "Jan _2 15:04:05.000000" }, {
    "json": '"1970-01-01T00:00:00.999999999Z"',
    "s": "Jan  1 00:00:00.999999",
    "str": "1970-01-01 00:00:00.999999999 +0000 UTC",
  }],
  [{ "kind": "format", "sec": 0, "nsec": 0, "zone": "Nope/Zone", "layout": "2006-01-02 15:04:05.000" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": -1,
    "nsec": 123000000,
    "zone": "America/New_York",
    "layout": "Monday, 02-Jan-06 15:04:05 MST",
  }, {
    "json": '"1969-12-31T18:59:59.123-05:00"',
    "s": "Wednesday, 31-Dec-69 18:59:59 EST",
    "str": "1969-12-31 18:59:59.123 -0500 EST",
  }],
  [{
    "kind": "format",
    "sec": 86399,
    "nsec": 999999999,
    "zone": "Australia/Lord_Howe",
    "layout": "05.000000000",
  }, {
    "json": '"1970-01-02T09:59:59.999999999+10:00"',
    "s": "59.999999999",
    "str": "1970-01-02 09:59:59.999999999 +1000 AEST",
  }],
  [{ "kind": "format", "sec": 86399, "nsec": 999999999, "zone": "Nope/Zone", "layout": "2006.01.02" }, {
    "err": "no such zone",
  }],
  [{ "kind": "format", "sec": 951782400, "nsec": 0, "zone": "America/Sao_Paulo", "layout": "1/2/06 3:4:5" }, {
    "json": '"2000-02-28T21:00:00-03:00"',
    "s": "2/28/00 9:0:0",
    "str": "2000-02-28 21:00:00 -0300 -03",
  }],
  [{
    "kind": "format",
    "sec": 1700000000,
    "nsec": 120000,
    "zone": "Africa/Casablanca",
    "layout": "-07 -0700 -07:00 -070000 -07:00:00",
  }, {
    "json": '"2023-11-14T23:13:20.00012+01:00"',
    "s": "+01 +0100 +01:00 +010000 +01:00:00",
    "str": "2023-11-14 23:13:20.00012 +0100 +01",
  }],
  [{
    "kind": "format",
    "sec": 1710054000,
    "nsec": 0,
    "zone": "Europe/London",
    "layout": "02 Jan 06 15:04 MST",
  }, {
    "json": '"2024-03-10T07:00:00Z"',
    "s": "10 Mar 24 07:00 GMT",
    "str": "2024-03-10 07:00:00 +0000 GMT",
  }],
  [{
    "kind": "format",
    "sec": 1710054000,
    "nsec": 100,
    "zone": "Nope/Zone",
    "layout": "Mon Jan _2 15:04:05 MST 2006",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 1711846800, "nsec": 5, "zone": "Etc/GMT+5", "layout": "_2006 _2" }, {
    "json": '"2024-03-30T20:00:00.000000005-05:00"',
    "s": "_2024 30",
    "str": "2024-03-30 20:00:00.000000005 -0500 -05",
  }],
  [{ "kind": "format", "sec": 1729990800, "nsec": 120000, "zone": "America/Santiago", "layout": "PM pm" }, {
    "json": '"2024-10-26T22:00:00.00012-03:00"',
    "s": "PM pm",
    "str": "2024-10-26 22:00:00.00012 -0300 -03",
  }],
  [{ "kind": "format", "sec": 1730592000, "nsec": 120000, "zone": "Nope/Zone", "layout": "__2 002" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 2147483647,
    "nsec": 123000000,
    "zone": "EST5EDT",
    "layout": "2006-01-02T15:04:05Z07:00",
  }, {
    "json": '"2038-01-18T22:14:07.123-05:00"',
    "s": "2038-01-18T22:14:07-05:00",
    "str": "2038-01-18 22:14:07.123 -0500 EST",
  }],
  [{ "kind": "format", "sec": 4102444800, "nsec": 100, "zone": "UTC", "layout": "15:04:05" }, {
    "json": '"2100-01-01T00:00:00.0000001Z"',
    "s": "00:00:00",
    "str": "2100-01-01 00:00:00.0000001 +0000 UTC",
  }],
  [{ "kind": "format", "sec": 4102444800, "nsec": 999999999, "zone": "Nope/Zone", "layout": "__2 002" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": -62135596800,
    "nsec": 123000000,
    "zone": "America/New_York",
    "layout": "3:04pm",
  }, {
    "json": '"0000-12-31T19:03:58.123-04:56"',
    "s": "7:03pm",
    "str": "0000-12-31 19:03:58.123 -0456 LMT",
  }],
  [{
    "kind": "format",
    "sec": -2208988800,
    "nsec": 999999999,
    "zone": "Australia/Lord_Howe",
    "layout": "15:04:05",
  }, {
    "json": '"1900-01-01T10:00:00.999999999+10:00"',
    "s": "10:00:00",
    "str": "1900-01-01 10:00:00.999999999 +1000 AEST",
  }],
  [{
    "kind": "format",
    "sec": -2208988800,
    "nsec": 123000000,
    "zone": "Nope/Zone",
    "layout": "Janu Mond MSTx",
  }, { "err": "no such zone" }],
  [
    { "kind": "format", "sec": 253402300799, "nsec": 123000000, "zone": "America/Sao_Paulo", "layout": "06" },
    { "json": '"9999-12-31T20:59:59.123-03:00"', "s": "99", "str": "9999-12-31 20:59:59.123 -0300 -03" },
  ],
  [{
    "kind": "format",
    "sec": 253402300800,
    "nsec": 999999999,
    "zone": "Africa/Casablanca",
    "layout": "Monday, 02-Jan-06 15:04:05 MST",
  }, {
    "json": "ERR Time.MarshalJSON: year outside of range [0,9999]",
    "s": "Saturday, 01-Jan-00 01:00:00 +01",
    "str": "10000-01-01 01:00:00.999999999 +0100 +01",
  }],
  [{ "kind": "format", "sec": -62135596801, "nsec": 5, "zone": "Europe/London", "layout": "PM pm" }, {
    "json": '"0000-12-31T23:58:44.000000005-00:01"',
    "s": "PM pm",
    "str": "0000-12-31 23:58:44.000000005 -0001 LMT",
  }],
  [{ "kind": "format", "sec": -62135596801, "nsec": 0, "zone": "Nope/Zone", "layout": "PM pm" }, {
    "err": "no such zone",
  }],
  [{ "kind": "format", "sec": 1000000000000, "nsec": 5, "zone": "Etc/GMT+5", "layout": "05.000000000" }, {
    "json": "ERR Time.MarshalJSON: year outside of range [0,9999]",
    "s": "40.000000005",
    "str": "33658-09-26 20:46:40.000000005 -0500 -05",
  }],
  [{
    "kind": "format",
    "sec": 1699999999,
    "nsec": 0,
    "zone": "America/Santiago",
    "layout": ".0 .00 ,000 .9 .99 ,999",
  }, {
    "json": '"2023-11-14T19:13:19-03:00"',
    "s": ".0 .00 ,000   ",
    "str": "2023-11-14 19:13:19 -0300 -03",
  }],
  [{ "kind": "format", "sec": 235846996, "nsec": 682534694, "zone": "Europe/Dublin", "layout": "__2 002" }, {
    "json": '"1977-06-22T18:03:16.682534694+01:00"',
    "s": "173 173",
    "str": "1977-06-22 18:03:16.682534694 +0100 IST",
  }],
  [{
    "kind": "format",
    "sec": -1490820885,
    "nsec": 732825305,
    "zone": "Nope/Zone",
    "layout": "Jan _2 15:04:05.000000",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": 2277702003,
    "nsec": 433850169,
    "zone": "America/Santiago",
    "layout": "15:04:05",
  }, {
    "json": '"2042-03-06T04:00:03.433850169-03:00"',
    "s": "04:00:03",
    "str": "2042-03-06 04:00:03.433850169 -0300 -03",
  }],
  [{ "kind": "format", "sec": 3377798557, "nsec": 999832630, "zone": "Nope/Zone", "layout": "06" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 894852042,
    "nsec": 617020964,
    "zone": "EST5EDT",
    "layout": "-07 -0700 -07:00 -070000 -07:00:00",
  }, {
    "json": '"1998-05-10T22:00:42.617020964-04:00"',
    "s": "-04 -0400 -04:00 -040000 -04:00:00",
    "str": "1998-05-10 22:00:42.617020964 -0400 EDT",
  }],
  [{
    "kind": "format",
    "sec": 877290278,
    "nsec": 861234426,
    "zone": "Europe/Berlin",
    "layout": "2006-01-02 15:04:05.000",
  }, {
    "json": '"1997-10-19T21:44:38.861234426+02:00"',
    "s": "1997-10-19 21:44:38.861",
    "str": "1997-10-19 21:44:38.861234426 +0200 CEST",
  }],
  [{ "kind": "format", "sec": -87457538, "nsec": 282384037, "zone": "Nope/Zone", "layout": "1/2/06 3:4:5" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 2568436622,
    "nsec": 275420188,
    "zone": "Asia/Kolkata",
    "layout": "2006-01-02 15:04:05.000",
  }, {
    "json": '"2051-05-23T12:07:02.275420188+05:30"',
    "s": "2051-05-23 12:07:02.275",
    "str": "2051-05-23 12:07:02.275420188 +0530 IST",
  }],
  [{ "kind": "format", "sec": 2638699173, "nsec": 579543709, "zone": "Nope/Zone", "layout": "2006-01-02" }, {
    "err": "no such zone",
  }],
  [{ "kind": "format", "sec": 2168747544, "nsec": 35770058, "zone": "UTC", "layout": "05.000000000" }, {
    "json": '"2038-09-22T05:52:24.035770058Z"',
    "s": "24.035770058",
    "str": "2038-09-22 05:52:24.035770058 +0000 UTC",
  }],
  [{
    "kind": "format",
    "sec": 635345339,
    "nsec": 156308054,
    "zone": "America/St_Johns",
    "layout": "2006-01-02 15:04:05.000",
  }, {
    "json": '"1990-02-18T09:18:59.156308054-03:30"',
    "s": "1990-02-18 09:18:59.156",
    "str": "1990-02-18 09:18:59.156308054 -0330 NST",
  }],
  [{
    "kind": "format",
    "sec": -192094088,
    "nsec": 671656370,
    "zone": "../etc",
    "layout": "Mon, 02 Jan 2006 15:04:05 -0700",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 2004624366, "nsec": 343688011, "zone": "Nope/Zone", "layout": "Monday2006" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 791222810,
    "nsec": 269829988,
    "zone": "Nope/Zone",
    "layout": "Mon, 02 Jan 2006 15:04:05 -0700",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 1951657295, "nsec": 159708976, "zone": "Asia/Tokyo", "layout": "2006.01.02" }, {
    "json": '"2031-11-06T00:01:35.159708976+09:00"',
    "s": "2031.11.06",
    "str": "2031-11-06 00:01:35.159708976 +0900 JST",
  }],
  [{
    "kind": "format",
    "sec": 2785165667,
    "nsec": 294852137,
    "zone": "Nope/Zone",
    "layout": "Monday, 02-Jan-06 15:04:05 MST",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": -1108060122, "nsec": 201643735, "zone": "Nope/Zone", "layout": "_2006 _2" }, {
    "err": "no such zone",
  }],
  [{ "kind": "format", "sec": 805336147, "nsec": 733491301, "zone": "Asia/Dubai", "layout": "__2 002" }, {
    "json": '"1995-07-10T04:29:07.733491301+04:00"',
    "s": "191 191",
    "str": "1995-07-10 04:29:07.733491301 +0400 +04",
  }],
  [{
    "kind": "format",
    "sec": -398736835,
    "nsec": 371495395,
    "zone": "Nope/Zone",
    "layout": "Z07 Z0700 Z07:00 Z070000 Z07:00:00",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 117923527, "nsec": 668733596, "zone": "EST5EDT", "layout": "" }, {
    "json": '"1973-09-26T16:32:07.668733596-04:00"',
    "s": "",
    "str": "1973-09-26 16:32:07.668733596 -0400 EDT",
  }],
  [{
    "kind": "format",
    "sec": 2030441522,
    "nsec": 353645563,
    "zone": "Asia/Kolkata",
    "layout": "02 Jan 06 15:04 MST",
  }, {
    "json": '"2034-05-05T17:02:02.353645563+05:30"',
    "s": "05 May 34 17:02 IST",
    "str": "2034-05-05 17:02:02.353645563 +0530 IST",
  }],
  [{
    "kind": "format",
    "sec": -77232361,
    "nsec": 981184005,
    "zone": "Africa/Casablanca",
    "layout": "2006-01-02 15:04:05.000",
  }, {
    "json": '"1967-07-22T03:33:59.981184005+01:00"',
    "s": "1967-07-22 03:33:59.981",
    "str": "1967-07-22 03:33:59.981184005 +0100 +01",
  }],
  [
    { "kind": "format", "sec": 2527789831, "nsec": 468543767, "zone": "Nope/Zone", "layout": "05.000000000" },
    { "err": "no such zone" },
  ],
  [{
    "kind": "format",
    "sec": 500252008,
    "nsec": 30670404,
    "zone": "Nope/Zone",
    "layout": "02 Jan 06 15:04 MST",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": -1412751318, "nsec": 353992369, "zone": "Nope/Zone", "layout": "3:04pm" }, {
    "err": "no such zone",
  }],
  [{ "kind": "format", "sec": -304393262, "nsec": 554146587, "zone": "Etc/GMT+5", "layout": "_2006 _2" }, {
    "json": '"1960-05-09T17:18:58.554146587-05:00"',
    "s": "_1960  9",
    "str": "1960-05-09 17:18:58.554146587 -0500 -05",
  }],
  [
    { "kind": "format", "sec": 2328668594, "nsec": 385879516, "zone": "Australia/Lord_Howe", "layout": "06" },
    {
      "json": '"2043-10-17T15:23:14.385879516+11:00"',
      "s": "43",
      "str": "2043-10-17 15:23:14.385879516 +1100 +11",
    },
  ],
  [{ "kind": "format", "sec": 2523725539, "nsec": 894880533, "zone": "Nope/Zone", "layout": "2006-01-02" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": -235527844,
    "nsec": 373222708,
    "zone": "Nope/Zone",
    "layout": "Jan _2 15:04:05.000000",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": 2179493069,
    "nsec": 245852589,
    "zone": "Etc/GMT+5",
    "layout": "2006-01-02 15:04:05.000",
  }, {
    "json": '"2039-01-24T09:44:29.245852589-05:00"',
    "s": "2039-01-24 09:44:29.245",
    "str": "2039-01-24 09:44:29.245852589 -0500 -05",
  }],
  [{
    "kind": "format",
    "sec": 2294285804,
    "nsec": 727566957,
    "zone": "Asia/Dubai",
    "layout": "-07 -0700 -07:00 -070000 -07:00:00",
  }, {
    "json": '"2042-09-14T09:36:44.727566957+04:00"',
    "s": "+04 +0400 +04:00 +040000 +04:00:00",
    "str": "2042-09-14 09:36:44.727566957 +0400 +04",
  }],
  [{ "kind": "format", "sec": 1415136963, "nsec": 15186190, "zone": "Nope/Zone", "layout": "_2006 _2" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 1153881311,
    "nsec": 113773584,
    "zone": "Nope/Zone",
    "layout": ".0 .00 ,000 .9 .99 ,999",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": -278046370,
    "nsec": 976363420,
    "zone": "Europe/Berlin",
    "layout": "20060102150405",
  }, {
    "json": '"1961-03-10T21:53:50.97636342+01:00"',
    "s": "19610310215350",
    "str": "1961-03-10 21:53:50.97636342 +0100 CET",
  }],
  [{
    "kind": "format",
    "sec": -1039537281,
    "nsec": 78727185,
    "zone": "Etc/GMT+5",
    "layout": "January Monday",
  }, {
    "json": '"1937-01-22T02:38:39.078727185-05:00"',
    "s": "January Friday",
    "str": "1937-01-22 02:38:39.078727185 -0500 -05",
  }],
  [{
    "kind": "format",
    "sec": -1266838551,
    "nsec": 798989802,
    "zone": "America/Santiago",
    "layout": "3:04pm",
  }, {
    "json": '"1929-11-09T08:24:09.798989802-04:00"',
    "s": "8:24am",
    "str": "1929-11-09 08:24:09.798989802 -0400 -04",
  }],
  [{ "kind": "format", "sec": -801898480, "nsec": 94351321, "zone": "Asia/Tokyo", "layout": "" }, {
    "json": '"1944-08-04T03:25:20.094351321+09:00"',
    "s": "",
    "str": "1944-08-04 03:25:20.094351321 +0900 JST",
  }],
  [{
    "kind": "format",
    "sec": -956583262,
    "nsec": 66827565,
    "zone": "Asia/Kolkata",
    "layout": "05.000000000",
  }, {
    "json": '"1939-09-09T15:55:38.066827565+05:30"',
    "s": "38.066827565",
    "str": "1939-09-09 15:55:38.066827565 +0530 IST",
  }],
  [{ "kind": "format", "sec": 273313283, "nsec": 593415975, "zone": "Etc/GMT+5", "layout": "3:04PM" }, {
    "json": '"1978-08-30T03:21:23.593415975-05:00"',
    "s": "3:21AM",
    "str": "1978-08-30 03:21:23.593415975 -0500 -05",
  }],
  [{
    "kind": "format",
    "sec": 124792218,
    "nsec": 550053715,
    "zone": "Nope/Zone",
    "layout": "2006-01-02 15:04:05.000",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": -1386749983,
    "nsec": 87874677,
    "zone": "America/Santiago",
    "layout": "Z07 Z0700 Z07:00 Z070000 Z07:00:00",
  }, {
    "json": '"1926-01-21T10:57:32.087874677-04:42"',
    "s": "-04 -0442 -04:42 -044245 -04:42:45",
    "str": "1926-01-21 10:57:32.087874677 -0442 SMT",
  }],
  [{
    "kind": "format",
    "sec": 1233204364,
    "nsec": 846312046,
    "zone": "Nope/Zone",
    "layout": "2006-01-02T15:04:05.999999999Z07:00",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 996218681, "nsec": 941498756, "zone": "Nope/Zone", "layout": "" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 1540329217,
    "nsec": 356697320,
    "zone": "America/St_Johns",
    "layout": "2006.01.02",
  }, {
    "json": '"2018-10-23T18:43:37.35669732-02:30"',
    "s": "2018.10.23",
    "str": "2018-10-23 18:43:37.35669732 -0230 NDT",
  }],
  [{ "kind": "format", "sec": 2089112758, "nsec": 35876750, "zone": "Asia/Tokyo", "layout": "Jan02" }, {
    "json": '"2036-03-14T22:05:58.03587675+09:00"',
    "s": "Mar14",
    "str": "2036-03-14 22:05:58.03587675 +0900 JST",
  }],
  [{ "kind": "format", "sec": 545585513, "nsec": 734700083, "zone": "../etc", "layout": "_2006 _2" }, {
    "err": "no such zone",
  }],
  [
    { "kind": "format", "sec": 1880264043, "nsec": 893497228, "zone": "Europe/Berlin", "layout": "15:04:05" },
    {
      "json": '"2029-08-01T09:34:03.893497228+02:00"',
      "s": "09:34:03",
      "str": "2029-08-01 09:34:03.893497228 +0200 CEST",
    },
  ],
  [{
    "kind": "format",
    "sec": 2258092075,
    "nsec": 504644751,
    "zone": "Etc/GMT+5",
    "layout": "2006-01-02T15:04:05Z07:00",
  }, {
    "json": '"2041-07-22T02:47:55.504644751-05:00"',
    "s": "2041-07-22T02:47:55-05:00",
    "str": "2041-07-22 02:47:55.504644751 -0500 -05",
  }],
  [{
    "kind": "format",
    "sec": -72877050,
    "nsec": 485126376,
    "zone": "Nope/Zone",
    "layout": "02 Jan 06 15:04 MST",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": -565878392, "nsec": 184413462, "zone": "Etc/GMT+5", "layout": "_2006 _2" }, {
    "json": '"1952-01-26T06:33:28.184413462-05:00"',
    "s": "_1952 26",
    "str": "1952-01-26 06:33:28.184413462 -0500 -05",
  }],
  [{
    "kind": "format",
    "sec": 2363378167,
    "nsec": 930573105,
    "zone": "Nope/Zone",
    "layout": "2006-01-02 15:04:05.000",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": 68799614,
    "nsec": 279854416,
    "zone": "America/Sao_Paulo",
    "layout": "2006-01-02T15:04:05.999999999Z07:00",
  }, {
    "json": '"1972-03-07T04:00:14.279854416-03:00"',
    "s": "1972-03-07T04:00:14.279854416-03:00",
    "str": "1972-03-07 04:00:14.279854416 -0300 -03",
  }],
  [{
    "kind": "format",
    "sec": 71843773,
    "nsec": 280711054,
    "zone": "Pacific/Chatham",
    "layout": "Janu Mond MSTx",
  }, {
    "json": '"1972-04-12T01:21:13.280711054+12:45"',
    "s": "Janu Mond +1245x",
    "str": "1972-04-12 01:21:13.280711054 +1245 +1245",
  }],
  [{
    "kind": "format",
    "sec": -889456362,
    "nsec": 557400405,
    "zone": "EST5EDT",
    "layout": "Mon Jan _2 15:04:05 MST 2006",
  }, {
    "json": '"1941-10-25T03:47:18.557400405-05:00"',
    "s": "Sat Oct 25 03:47:18 EST 1941",
    "str": "1941-10-25 03:47:18.557400405 -0500 EST",
  }],
  [{
    "kind": "format",
    "sec": 2861222535,
    "nsec": 924067974,
    "zone": "Nope/Zone",
    "layout": "Jan _2 15:04:05.000000",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 1159235000, "nsec": 642227172, "zone": "Asia/Kathmandu", "layout": "PM pm" }, {
    "json": '"2006-09-26T07:28:20.642227172+05:45"',
    "s": "AM am",
    "str": "2006-09-26 07:28:20.642227172 +0545 +0545",
  }],
  [
    { "kind": "format", "sec": 2029448509, "nsec": 272549629, "zone": "Nope/Zone", "layout": "1/2/06 3:4:5" },
    { "err": "no such zone" },
  ],
  [{ "kind": "format", "sec": 422253966, "nsec": 321707129, "zone": "Europe/Dublin", "layout": "_2006 _2" }, {
    "json": '"1983-05-20T05:46:06.321707129+01:00"',
    "s": "_1983 20",
    "str": "1983-05-20 05:46:06.321707129 +0100 IST",
  }],
  [{
    "kind": "format",
    "sec": -534820647,
    "nsec": 249152362,
    "zone": "Europe/Berlin",
    "layout": "Monday2006",
  }, {
    "json": '"1953-01-19T23:42:33.249152362+01:00"',
    "s": "Monday1953",
    "str": "1953-01-19 23:42:33.249152362 +0100 CET",
  }],
  [{ "kind": "format", "sec": 2824650168, "nsec": 28416991, "zone": "UTC", "layout": "Jan02" }, {
    "json": '"2059-07-05T17:02:48.028416991Z"',
    "s": "Jul05",
    "str": "2059-07-05 17:02:48.028416991 +0000 UTC",
  }],
  [{ "kind": "format", "sec": 2010825634, "nsec": 931756496, "zone": "Pacific/Chatham", "layout": "PM pm" }, {
    "json": '"2033-09-20T23:25:34.931756496+12:45"',
    "s": "PM pm",
    "str": "2033-09-20 23:25:34.931756496 +1245 +1245",
  }],
  [{
    "kind": "format",
    "sec": 2723987460,
    "nsec": 389878153,
    "zone": "Pacific/Chatham",
    "layout": "Janu Mond MSTx",
  }, {
    "json": '"2056-04-27T03:56:00.389878153+12:45"',
    "s": "Janu Mond +1245x",
    "str": "2056-04-27 03:56:00.389878153 +1245 +1245",
  }],
  [{
    "kind": "format",
    "sec": 2677810549,
    "nsec": 471112132,
    "zone": "Nope/Zone",
    "layout": "2006-01-02 15:04:05.000",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": -1438465208,
    "nsec": 254779037,
    "zone": "America/St_Johns",
    "layout": "Jan _2 15:04:05.000000",
  }, {
    "json": '"1924-06-01T23:49:00.254779037-02:30"',
    "s": "Jun  1 23:49:00.254779",
    "str": "1924-06-01 23:49:00.254779037 -0230 NDT",
  }],
  [{ "kind": "format", "sec": 3300534844, "nsec": 989494919, "zone": "Nope/Zone", "layout": "Monday2006" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": 661588072,
    "nsec": 343878149,
    "zone": "EST5EDT",
    "layout": "Mon Jan _2 15:04:05 MST 2006",
  }, {
    "json": '"1990-12-19T01:27:52.343878149-05:00"',
    "s": "Wed Dec 19 01:27:52 EST 1990",
    "str": "1990-12-19 01:27:52.343878149 -0500 EST",
  }],
  [{
    "kind": "format",
    "sec": 1119168758,
    "nsec": 822738170,
    "zone": "EST5EDT",
    "layout": "2006-01-02 15:04:05.000",
  }, {
    "json": '"2005-06-19T04:12:38.82273817-04:00"',
    "s": "2005-06-19 04:12:38.822",
    "str": "2005-06-19 04:12:38.82273817 -0400 EDT",
  }],
  [{
    "kind": "format",
    "sec": 2675503849,
    "nsec": 802539944,
    "zone": "Etc/GMT+5",
    "layout": "2006-01-02 15:04:05.999999999 -0700 MST",
  }, {
    "json": '"2054-10-13T06:30:49.802539944-05:00"',
    "s": "2054-10-13 06:30:49.802539944 -0500 -05",
    "str": "2054-10-13 06:30:49.802539944 -0500 -05",
  }],
  [{ "kind": "format", "sec": 3028363943, "nsec": 223832845, "zone": "Europe/London", "layout": "Jan02" }, {
    "json": '"2065-12-18T12:12:23.223832845Z"',
    "s": "Dec18",
    "str": "2065-12-18 12:12:23.223832845 +0000 GMT",
  }],
  [{ "kind": "format", "sec": 2921586990, "nsec": 190406799, "zone": "Europe/Dublin", "layout": "Jan02" }, {
    "json": '"2062-07-31T16:56:30.190406799+01:00"',
    "s": "Jul31",
    "str": "2062-07-31 16:56:30.190406799 +0100 IST",
  }],
  [{ "kind": "format", "sec": -682649851, "nsec": 19044667, "zone": "../etc", "layout": "" }, {
    "err": "no such zone",
  }],
  [{ "kind": "format", "sec": -836688966, "nsec": 736477196, "zone": "Asia/Tokyo", "layout": "__2 002" }, {
    "json": '"1943-06-28T11:23:54.736477196+09:00"',
    "s": "179 179",
    "str": "1943-06-28 11:23:54.736477196 +0900 JST",
  }],
  [{
    "kind": "format",
    "sec": 2761668920,
    "nsec": 586639165,
    "zone": "Nope/Zone",
    "layout": "Mon Jan _2 15:04:05 MST 2006",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": -914475263,
    "nsec": 905100554,
    "zone": "Nope/Zone",
    "layout": "-07 -0700 -07:00 -070000 -07:00:00",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": -1168649436,
    "nsec": 973814278,
    "zone": "Africa/Casablanca",
    "layout": "Z07 Z0700 Z07:00 Z070000 Z07:00:00",
  }, {
    "json": '"1932-12-19T23:09:24.973814278Z"',
    "s": "Z Z Z Z Z",
    "str": "1932-12-19 23:09:24.973814278 +0000 +00",
  }],
  [{
    "kind": "format",
    "sec": -563763619,
    "nsec": 988572150,
    "zone": "Nope/Zone",
    "layout": "2006-01-02 15:04:05.999999999 -0700 MST",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 2347602605, "nsec": 444759130, "zone": "Nope/Zone", "layout": "3:04PM" }, {
    "err": "no such zone",
  }],
  [{
    "kind": "format",
    "sec": -1020859123,
    "nsec": 614161163,
    "zone": "../etc",
    "layout": "Z07 Z0700 Z07:00 Z070000 Z07:00:00",
  }, { "err": "no such zone" }],
  [{
    "kind": "format",
    "sec": 2237257719,
    "nsec": 490900754,
    "zone": "Nope/Zone",
    "layout": "2006-01-02T15:04:05Z07:00",
  }, { "err": "no such zone" }],
  [{ "kind": "format", "sec": 30464887, "nsec": 84965467, "zone": "Asia/Tokyo", "layout": "PM pm" }, {
    "json": '"1970-12-19T23:28:07.084965467+09:00"',
    "s": "PM pm",
    "str": "1970-12-19 23:28:07.084965467 +0900 JST",
  }],
  [{
    "kind": "format",
    "sec": -925057769,
    "nsec": 419915825,
    "zone": "Etc/GMT+5",
    "layout": "Mon Jan _2 15:04:05 MST 2006",
  }, {
    "json": '"1940-09-08T02:30:31.419915825-05:00"',
    "s": "Sun Sep  8 02:30:31 -05 1940",
    "str": "1940-09-08 02:30:31.419915825 -0500 -05",
  }],
  [
    {
      "kind": "format",
      "sec": 489050656,
      "nsec": 517605781,
      "zone": "Nope/Zone",
      "layout": "20060102150405",
    },
    { "err": "no such zone" },
  ],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-02-29", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-02-29 00:00:00 +0000 UTC",
    "unix": 1709164800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-02-29", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-02-29 00:00:00 +0100 CET",
    "unix": 1709161200,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-02-29", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-02-29 00:00:00 -0500 EST",
    "unix": 1709182800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2023-02-29", "zone": "UTC" }, {
    "err": 'parsing time "2023-02-29": day out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2023-02-29", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2023-02-29": day out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2023-02-29", "zone": "America/New_York" }, {
    "err": 'parsing time "2023-02-29": day out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2023-13-01", "zone": "UTC" }, {
    "err": 'parsing time "2023-13-01": month out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2023-13-01", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2023-13-01": month out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2023-13-01", "zone": "America/New_York" }, {
    "err": 'parsing time "2023-13-01": month out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "24-02-29", "zone": "UTC" }, {
    "err": 'parsing time "24-02-29" as "2006-01-02": cannot parse "24-02-29" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "24-02-29", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "24-02-29" as "2006-01-02": cannot parse "24-02-29" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "24-02-29", "zone": "America/New_York" }, {
    "err": 'parsing time "24-02-29" as "2006-01-02": cannot parse "24-02-29" as "2006"',
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00-05:00",
    "zone": "UTC",
  }, { "loc": "", "str": "2024-03-10 02:30:00 -0500 -0500", "unix": 1710055800 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00-05:00",
    "zone": "Europe/Berlin",
  }, { "loc": "", "str": "2024-03-10 02:30:00 -0500 -0500", "unix": 1710055800 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00-05:00",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-03-10 02:30:00 -0500 -0500", "unix": 1710055800 }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02T15:04:05Z07:00",
      "value": "2024-03-10T02:30:00Z",
      "zone": "UTC",
    },
    { "loc": "UTC", "str": "2024-03-10 02:30:00 +0000 UTC", "unix": 1710037800 },
  ],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00Z",
    "zone": "Europe/Berlin",
  }, { "loc": "UTC", "str": "2024-03-10 02:30:00 +0000 UTC", "unix": 1710037800 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00Z",
    "zone": "America/New_York",
  }, { "loc": "UTC", "str": "2024-03-10 02:30:00 +0000 UTC", "unix": 1710037800 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00+01:00",
    "zone": "UTC",
  }, { "loc": "", "str": "2024-03-10 02:30:00 +0100 +0100", "unix": 1710034200 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00+01:00",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-03-10 02:30:00 +0100 CET", "unix": 1710034200 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00+01:00",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-03-10 02:30:00 +0100 +0100", "unix": 1710034200 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00.123+01:00",
    "zone": "UTC",
  }, { "loc": "", "str": "2024-03-10 02:30:00.123 +0100 +0100", "unix": 1710034200 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00.123+01:00",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-03-10 02:30:00.123 +0100 CET", "unix": 1710034200 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05Z07:00",
    "value": "2024-03-10T02:30:00.123+01:00",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-03-10 02:30:00.123 +0100 +0100", "unix": 1710034200 }],
  [{ "kind": "parse", "layout": "2006-01-02 15:04:05", "value": "2024-03-10 02:30:00", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-03-10 02:30:00 +0000 UTC",
    "unix": 1710037800,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-03-10 02:30:00",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-03-10 02:30:00 +0100 CET", "unix": 1710034200 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-03-10 02:30:00",
    "zone": "America/New_York",
  }, { "loc": "America/New_York", "str": "2024-03-10 01:30:00 -0500 EST", "unix": 1710052200 }],
  [{ "kind": "parse", "layout": "2006-01-02 15:04:05", "value": "2024-11-03 01:30:00", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-11-03 01:30:00 +0000 UTC",
    "unix": 1730597400,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-11-03 01:30:00",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-11-03 01:30:00 +0100 CET", "unix": 1730593800 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-11-03 01:30:00",
    "zone": "America/New_York",
  }, { "loc": "America/New_York", "str": "2024-11-03 01:30:00 -0400 EDT", "unix": 1730611800 }],
  [{ "kind": "parse", "layout": "2006-01-02 15:04:05", "value": "2024-03-31 02:30:00", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-03-31 02:30:00 +0000 UTC",
    "unix": 1711852200,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-03-31 02:30:00",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-03-31 03:30:00 +0200 CEST", "unix": 1711848600 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-03-31 02:30:00",
    "zone": "America/New_York",
  }, { "loc": "America/New_York", "str": "2024-03-31 02:30:00 -0400 EDT", "unix": 1711866600 }],
  [{ "kind": "parse", "layout": "2006-01-02 15:04:05", "value": "2024-10-27 02:30:00", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-10-27 02:30:00 +0000 UTC",
    "unix": 1729996200,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-10-27 02:30:00",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-10-27 02:30:00 +0100 CET", "unix": 1729992600 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-10-27 02:30:00",
    "zone": "America/New_York",
  }, { "loc": "America/New_York", "str": "2024-10-27 02:30:00 -0400 EDT", "unix": 1730010600 }],
  [{ "kind": "parse", "layout": "2006-01-02 15:04", "value": "2024-10-27 02:30:00", "zone": "UTC" }, {
    "err": 'parsing time "2024-10-27 02:30:00": extra text: ":00"',
  }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02 15:04",
      "value": "2024-10-27 02:30:00",
      "zone": "Europe/Berlin",
    },
    { "err": 'parsing time "2024-10-27 02:30:00": extra text: ":00"' },
  ],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04",
    "value": "2024-10-27 02:30:00",
    "zone": "America/New_York",
  }, { "err": 'parsing time "2024-10-27 02:30:00": extra text: ":00"' }],
  [{ "kind": "parse", "layout": "2006-01-02 15:04:05", "value": "2024-10-27 02:30", "zone": "UTC" }, {
    "err": 'parsing time "2024-10-27 02:30" as "2006-01-02 15:04:05": cannot parse "" as ":"',
  }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02 15:04:05",
      "value": "2024-10-27 02:30",
      "zone": "Europe/Berlin",
    },
    { "err": 'parsing time "2024-10-27 02:30" as "2006-01-02 15:04:05": cannot parse "" as ":"' },
  ],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05",
    "value": "2024-10-27 02:30",
    "zone": "America/New_York",
  }, { "err": 'parsing time "2024-10-27 02:30" as "2006-01-02 15:04:05": cannot parse "" as ":"' }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "Feb  3 2020", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2020-02-03 00:00:00 +0000 UTC",
    "unix": 1580688000,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "Feb  3 2020", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2020-02-03 00:00:00 +0100 CET",
    "unix": 1580684400,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "Feb  3 2020", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2020-02-03 00:00:00 -0500 EST",
    "unix": 1580706000,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "feb 3 2020", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2020-02-03 00:00:00 +0000 UTC",
    "unix": 1580688000,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "feb 3 2020", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2020-02-03 00:00:00 +0100 CET",
    "unix": 1580684400,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "feb 3 2020", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2020-02-03 00:00:00 -0500 EST",
    "unix": 1580706000,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "FEB 13 2020", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2020-02-13 00:00:00 +0000 UTC",
    "unix": 1581552000,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "FEB 13 2020", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2020-02-13 00:00:00 +0100 CET",
    "unix": 1581548400,
  }],
  [{ "kind": "parse", "layout": "Jan _2 2006", "value": "FEB 13 2020", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2020-02-13 00:00:00 -0500 EST",
    "unix": 1581570000,
  }],
  [{ "kind": "parse", "layout": "January 2, 2006", "value": "march 1, 2021", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2021-03-01 00:00:00 +0000 UTC",
    "unix": 1614556800,
  }],
  [{ "kind": "parse", "layout": "January 2, 2006", "value": "march 1, 2021", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2021-03-01 00:00:00 +0100 CET",
    "unix": 1614553200,
  }],
  [{ "kind": "parse", "layout": "January 2, 2006", "value": "march 1, 2021", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2021-03-01 00:00:00 -0500 EST",
    "unix": 1614574800,
  }],
  [{ "kind": "parse", "layout": "Mon Jan 2 2006", "value": "Tue Feb 3 2020", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2020-02-03 00:00:00 +0000 UTC",
    "unix": 1580688000,
  }],
  [{ "kind": "parse", "layout": "Mon Jan 2 2006", "value": "Tue Feb 3 2020", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2020-02-03 00:00:00 +0100 CET",
    "unix": 1580684400,
  }],
  [{ "kind": "parse", "layout": "Mon Jan 2 2006", "value": "Tue Feb 3 2020", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2020-02-03 00:00:00 -0500 EST",
    "unix": 1580706000,
  }],
  [{ "kind": "parse", "layout": "Mon Jan 2 2006", "value": "Xyz Feb 3 2020", "zone": "UTC" }, {
    "err": 'parsing time "Xyz Feb 3 2020" as "Mon Jan 2 2006": cannot parse "Xyz Feb 3 2020" as "Mon"',
  }],
  [{ "kind": "parse", "layout": "Mon Jan 2 2006", "value": "Xyz Feb 3 2020", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "Xyz Feb 3 2020" as "Mon Jan 2 2006": cannot parse "Xyz Feb 3 2020" as "Mon"',
  }],
  [{ "kind": "parse", "layout": "Mon Jan 2 2006", "value": "Xyz Feb 3 2020", "zone": "America/New_York" }, {
    "err": 'parsing time "Xyz Feb 3 2020" as "Mon Jan 2 2006": cannot parse "Xyz Feb 3 2020" as "Mon"',
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "12:30AM", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 00:30:00 +0000 UTC",
    "unix": -62167217400,
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "12:30AM", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 00:30:00 +0053 LMT",
    "unix": -62167220608,
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "12:30AM", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 00:30:00 -0456 LMT",
    "unix": -62167199638,
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "12:30PM", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 12:30:00 +0000 UTC",
    "unix": -62167174200,
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "12:30PM", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 12:30:00 +0053 LMT",
    "unix": -62167177408,
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "12:30PM", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 12:30:00 -0456 LMT",
    "unix": -62167156438,
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "1:30pm", "zone": "UTC" }, {
    "err": 'parsing time "1:30pm" as "3:04PM": cannot parse "pm" as "PM"',
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "1:30pm", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "1:30pm" as "3:04PM": cannot parse "pm" as "PM"',
  }],
  [{ "kind": "parse", "layout": "3:04PM", "value": "1:30pm", "zone": "America/New_York" }, {
    "err": 'parsing time "1:30pm" as "3:04PM": cannot parse "pm" as "PM"',
  }],
  [{ "kind": "parse", "layout": "3:04pm", "value": "11:59pm", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 23:59:00 +0000 UTC",
    "unix": -62167132860,
  }],
  [{ "kind": "parse", "layout": "3:04pm", "value": "11:59pm", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 23:59:00 +0053 LMT",
    "unix": -62167136068,
  }],
  [{ "kind": "parse", "layout": "3:04pm", "value": "11:59pm", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 23:59:00 -0456 LMT",
    "unix": -62167115098,
  }],
  [{ "kind": "parse", "layout": "15:04", "value": "24:00", "zone": "UTC" }, {
    "err": 'parsing time "24:00": hour out of range',
  }],
  [{ "kind": "parse", "layout": "15:04", "value": "24:00", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "24:00": hour out of range',
  }],
  [{ "kind": "parse", "layout": "15:04", "value": "24:00", "zone": "America/New_York" }, {
    "err": 'parsing time "24:00": hour out of range',
  }],
  [{ "kind": "parse", "layout": "15:04", "value": "23:60", "zone": "UTC" }, {
    "err": 'parsing time "23:60": minute out of range',
  }],
  [{ "kind": "parse", "layout": "15:04", "value": "23:60", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "23:60": minute out of range',
  }],
  [{ "kind": "parse", "layout": "15:04", "value": "23:60", "zone": "America/New_York" }, {
    "err": 'parsing time "23:60": minute out of range',
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:60", "zone": "UTC" }, {
    "err": 'parsing time "23:59:60": second out of range',
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:60", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "23:59:60": second out of range',
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:60", "zone": "America/New_York" }, {
    "err": 'parsing time "23:59:60": second out of range',
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:59.123456789123", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 23:59:59.123456789 +0000 UTC",
    "unix": -62167132801,
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:59.123456789123", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 23:59:59.123456789 +0053 LMT",
    "unix": -62167136009,
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:59.123456789123", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 23:59:59.123456789 -0456 LMT",
    "unix": -62167115039,
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:59,5", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 23:59:59.5 +0000 UTC",
    "unix": -62167132801,
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:59,5", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 23:59:59.5 +0053 LMT",
    "unix": -62167136009,
  }],
  [{ "kind": "parse", "layout": "15:04:05", "value": "23:59:59,5", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 23:59:59.5 -0456 LMT",
    "unix": -62167115039,
  }],
  [{ "kind": "parse", "layout": "15:04:05.000", "value": "23:59:59.12", "zone": "UTC" }, {
    "err": 'parsing time "23:59:59.12" as "15:04:05.000": cannot parse ".12" as ".000"',
  }],
  [{ "kind": "parse", "layout": "15:04:05.000", "value": "23:59:59.12", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "23:59:59.12" as "15:04:05.000": cannot parse ".12" as ".000"',
  }],
  [{ "kind": "parse", "layout": "15:04:05.000", "value": "23:59:59.12", "zone": "America/New_York" }, {
    "err": 'parsing time "23:59:59.12" as "15:04:05.000": cannot parse ".12" as ".000"',
  }],
  [{ "kind": "parse", "layout": "15:04:05.000", "value": "23:59:59.1234", "zone": "UTC" }, {
    "err": 'parsing time "23:59:59.1234": extra text: "4"',
  }],
  [{ "kind": "parse", "layout": "15:04:05.000", "value": "23:59:59.1234", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "23:59:59.1234": extra text: "4"',
  }],
  [{ "kind": "parse", "layout": "15:04:05.000", "value": "23:59:59.1234", "zone": "America/New_York" }, {
    "err": 'parsing time "23:59:59.1234": extra text: "4"',
  }],
  [{ "kind": "parse", "layout": "15:04:05.999", "value": "23:59:59", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 23:59:59 +0000 UTC",
    "unix": -62167132801,
  }],
  [{ "kind": "parse", "layout": "15:04:05.999", "value": "23:59:59", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 23:59:59 +0053 LMT",
    "unix": -62167136009,
  }],
  [{ "kind": "parse", "layout": "15:04:05.999", "value": "23:59:59", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 23:59:59 -0456 LMT",
    "unix": -62167115039,
  }],
  [{ "kind": "parse", "layout": "15:04:05.999", "value": "23:59:59.1234567", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 23:59:59.1234567 +0000 UTC",
    "unix": -62167132801,
  }],
  [{ "kind": "parse", "layout": "15:04:05.999", "value": "23:59:59.1234567", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 23:59:59.1234567 +0053 LMT",
    "unix": -62167136009,
  }],
  [{ "kind": "parse", "layout": "15:04:05.999", "value": "23:59:59.1234567", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 23:59:59.1234567 -0456 LMT",
    "unix": -62167115039,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-01-15 CET", "zone": "UTC" }, {
    "loc": "CET",
    "str": "2024-01-15 00:00:00 +0000 CET",
    "unix": 1705276800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-01-15 CET", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-01-15 00:00:00 +0100 CET",
    "unix": 1705273200,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-01-15 CET", "zone": "America/New_York" }, {
    "loc": "CET",
    "str": "2024-01-15 00:00:00 +0000 CET",
    "unix": 1705276800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 CET", "zone": "UTC" }, {
    "loc": "CET",
    "str": "2024-07-15 00:00:00 +0000 CET",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 CET", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-07-15 01:00:00 +0200 CEST",
    "unix": 1720998000,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 CET", "zone": "America/New_York" }, {
    "loc": "CET",
    "str": "2024-07-15 00:00:00 +0000 CET",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 CEST", "zone": "UTC" }, {
    "loc": "CEST",
    "str": "2024-07-15 00:00:00 +0000 CEST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 CEST", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-07-15 00:00:00 +0200 CEST",
    "unix": 1720994400,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 CEST", "zone": "America/New_York" }, {
    "loc": "CEST",
    "str": "2024-07-15 00:00:00 +0000 CEST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 EST", "zone": "UTC" }, {
    "loc": "EST",
    "str": "2024-07-15 00:00:00 +0000 EST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 EST", "zone": "Europe/Berlin" }, {
    "loc": "EST",
    "str": "2024-07-15 00:00:00 +0000 EST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 EST", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-07-15 01:00:00 -0400 EDT",
    "unix": 1721019600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 EDT", "zone": "UTC" }, {
    "loc": "EDT",
    "str": "2024-07-15 00:00:00 +0000 EDT",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 EDT", "zone": "Europe/Berlin" }, {
    "loc": "EDT",
    "str": "2024-07-15 00:00:00 +0000 EDT",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 EDT", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-07-15 00:00:00 -0400 EDT",
    "unix": 1721016000,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 XYZ", "zone": "UTC" }, {
    "loc": "XYZ",
    "str": "2024-07-15 00:00:00 +0000 XYZ",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 XYZ", "zone": "Europe/Berlin" }, {
    "loc": "XYZ",
    "str": "2024-07-15 00:00:00 +0000 XYZ",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 XYZ", "zone": "America/New_York" }, {
    "loc": "XYZ",
    "str": "2024-07-15 00:00:00 +0000 XYZ",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 GMT+3", "zone": "UTC" }, {
    "loc": "GMT+3",
    "str": "2024-07-15 03:00:00 +0300 GMT+3",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 GMT+3", "zone": "Europe/Berlin" }, {
    "loc": "GMT+3",
    "str": "2024-07-15 03:00:00 +0300 GMT+3",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 GMT+3", "zone": "America/New_York" }, {
    "loc": "GMT+3",
    "str": "2024-07-15 03:00:00 +0300 GMT+3",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 GMT-11", "zone": "UTC" }, {
    "loc": "GMT-11",
    "str": "2024-07-14 13:00:00 -1100 GMT-11",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 GMT-11", "zone": "Europe/Berlin" }, {
    "loc": "GMT-11",
    "str": "2024-07-14 13:00:00 -1100 GMT-11",
    "unix": 1721001600,
  }],
  [
    { "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 GMT-11", "zone": "America/New_York" },
    { "loc": "GMT-11", "str": "2024-07-14 13:00:00 -1100 GMT-11", "unix": 1721001600 },
  ],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 +03", "zone": "UTC" }, {
    "loc": "+03",
    "str": "2024-07-15 00:00:00 +0000 +03",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 +03", "zone": "Europe/Berlin" }, {
    "loc": "+03",
    "str": "2024-07-15 00:00:00 +0000 +03",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 +03", "zone": "America/New_York" }, {
    "loc": "+03",
    "str": "2024-07-15 00:00:00 +0000 +03",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 UTC", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-07-15 00:00:00 +0000 UTC",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 UTC", "zone": "Europe/Berlin" }, {
    "loc": "UTC",
    "str": "2024-07-15 00:00:00 +0000 UTC",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 UTC", "zone": "America/New_York" }, {
    "loc": "UTC",
    "str": "2024-07-15 00:00:00 +0000 UTC",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ChST", "zone": "UTC" }, {
    "loc": "ChST",
    "str": "2024-07-15 00:00:00 +0000 ChST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ChST", "zone": "Europe/Berlin" }, {
    "loc": "ChST",
    "str": "2024-07-15 00:00:00 +0000 ChST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ChST", "zone": "America/New_York" }, {
    "loc": "ChST",
    "str": "2024-07-15 00:00:00 +0000 ChST",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 WITA", "zone": "UTC" }, {
    "loc": "WITA",
    "str": "2024-07-15 00:00:00 +0000 WITA",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 WITA", "zone": "Europe/Berlin" }, {
    "loc": "WITA",
    "str": "2024-07-15 00:00:00 +0000 WITA",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 WITA", "zone": "America/New_York" }, {
    "loc": "WITA",
    "str": "2024-07-15 00:00:00 +0000 WITA",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 AB", "zone": "UTC" }, {
    "err": 'parsing time "2024-07-15 AB" as "2006-01-02 MST": cannot parse "AB" as "MST"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 AB", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-07-15 AB" as "2006-01-02 MST": cannot parse "AB" as "MST"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 AB", "zone": "America/New_York" }, {
    "err": 'parsing time "2024-07-15 AB" as "2006-01-02 MST": cannot parse "AB" as "MST"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ABCDEF", "zone": "UTC" }, {
    "err": 'parsing time "2024-07-15 ABCDEF" as "2006-01-02 MST": cannot parse "ABCDEF" as "MST"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ABCDEF", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-07-15 ABCDEF" as "2006-01-02 MST": cannot parse "ABCDEF" as "MST"',
  }],
  [
    { "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ABCDEF", "zone": "America/New_York" },
    { "err": 'parsing time "2024-07-15 ABCDEF" as "2006-01-02 MST": cannot parse "ABCDEF" as "MST"' },
  ],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ABCDT", "zone": "UTC" }, {
    "loc": "ABCDT",
    "str": "2024-07-15 00:00:00 +0000 ABCDT",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ABCDT", "zone": "Europe/Berlin" }, {
    "loc": "ABCDT",
    "str": "2024-07-15 00:00:00 +0000 ABCDT",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 MST", "value": "2024-07-15 ABCDT", "zone": "America/New_York" }, {
    "loc": "ABCDT",
    "str": "2024-07-15 00:00:00 +0000 ABCDT",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 +0530", "zone": "UTC" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0530 +0530",
    "unix": 1720981800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 +0530", "zone": "Europe/Berlin" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0530 +0530",
    "unix": 1720981800,
  }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02 -0700",
      "value": "2024-07-15 +0530",
      "zone": "America/New_York",
    },
    { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981800 },
  ],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 +2500", "zone": "UTC" }, {
    "err": 'parsing time "2024-07-15 +2500": time zone offset hour out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 +2500", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-07-15 +2500": time zone offset hour out of range',
  }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02 -0700",
      "value": "2024-07-15 +2500",
      "zone": "America/New_York",
    },
    { "err": 'parsing time "2024-07-15 +2500": time zone offset hour out of range' },
  ],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 +0561", "zone": "UTC" }, {
    "err": 'parsing time "2024-07-15 +0561": time zone offset minute out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 +0561", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-07-15 +0561": time zone offset minute out of range',
  }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02 -0700",
      "value": "2024-07-15 +0561",
      "zone": "America/New_York",
    },
    { "err": 'parsing time "2024-07-15 +0561": time zone offset minute out of range' },
  ],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 *0100", "zone": "UTC" }, {
    "err": 'parsing time "2024-07-15 *0100" as "2006-01-02 -0700": cannot parse "*0100" as "-0700"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700", "value": "2024-07-15 *0100", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-07-15 *0100" as "2006-01-02 -0700": cannot parse "*0100" as "-0700"',
  }],
  [
    {
      "kind": "parse",
      "layout": "2006-01-02 -0700",
      "value": "2024-07-15 *0100",
      "zone": "America/New_York",
    },
    { "err": 'parsing time "2024-07-15 *0100" as "2006-01-02 -0700": cannot parse "*0100" as "-0700"' },
  ],
  [{ "kind": "parse", "layout": "2006-01-02 -07:00", "value": "2024-07-15 +05:30", "zone": "UTC" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0530 +0530",
    "unix": 1720981800,
  }],
  [
    { "kind": "parse", "layout": "2006-01-02 -07:00", "value": "2024-07-15 +05:30", "zone": "Europe/Berlin" },
    { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981800 },
  ],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -07:00",
    "value": "2024-07-15 +05:30",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981800 }],
  [{ "kind": "parse", "layout": "2006-01-02 -07:00", "value": "2024-07-15 +0530", "zone": "UTC" }, {
    "err": 'parsing time "2024-07-15 +0530" as "2006-01-02 -07:00": cannot parse "+0530" as "-07:00"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -07:00", "value": "2024-07-15 +0530", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-07-15 +0530" as "2006-01-02 -07:00": cannot parse "+0530" as "-07:00"',
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -07:00",
    "value": "2024-07-15 +0530",
    "zone": "America/New_York",
  }, { "err": 'parsing time "2024-07-15 +0530" as "2006-01-02 -07:00": cannot parse "+0530" as "-07:00"' }],
  [{ "kind": "parse", "layout": "2006-01-02 -07", "value": "2024-07-15 +05", "zone": "UTC" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0500 +0500",
    "unix": 1720983600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -07", "value": "2024-07-15 +05", "zone": "Europe/Berlin" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0500 +0500",
    "unix": 1720983600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -07", "value": "2024-07-15 +05", "zone": "America/New_York" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0500 +0500",
    "unix": 1720983600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 Z07:00", "value": "2024-07-15 Z", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-07-15 00:00:00 +0000 UTC",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 Z07:00", "value": "2024-07-15 Z", "zone": "Europe/Berlin" }, {
    "loc": "UTC",
    "str": "2024-07-15 00:00:00 +0000 UTC",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 Z07:00", "value": "2024-07-15 Z", "zone": "America/New_York" }, {
    "loc": "UTC",
    "str": "2024-07-15 00:00:00 +0000 UTC",
    "unix": 1721001600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 -07:00:00", "value": "2024-07-15 +05:30:15", "zone": "UTC" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0530 +0530",
    "unix": 1720981785,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -07:00:00",
    "value": "2024-07-15 +05:30:15",
    "zone": "Europe/Berlin",
  }, { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981785 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -07:00:00",
    "value": "2024-07-15 +05:30:15",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981785 }],
  [{ "kind": "parse", "layout": "2006-01-02 -070000", "value": "2024-07-15 +053015", "zone": "UTC" }, {
    "loc": "",
    "str": "2024-07-15 00:00:00 +0530 +0530",
    "unix": 1720981785,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -070000",
    "value": "2024-07-15 +053015",
    "zone": "Europe/Berlin",
  }, { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981785 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -070000",
    "value": "2024-07-15 +053015",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-07-15 00:00:00 +0530 +0530", "unix": 1720981785 }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700 MST", "value": "2024-07-15 +0200 CEST", "zone": "UTC" }, {
    "loc": "CEST",
    "str": "2024-07-15 00:00:00 +0200 CEST",
    "unix": 1720994400,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -0700 MST",
    "value": "2024-07-15 +0200 CEST",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "2024-07-15 00:00:00 +0200 CEST", "unix": 1720994400 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -0700 MST",
    "value": "2024-07-15 +0200 CEST",
    "zone": "America/New_York",
  }, { "loc": "CEST", "str": "2024-07-15 00:00:00 +0200 CEST", "unix": 1720994400 }],
  [{ "kind": "parse", "layout": "2006-01-02 -0700 MST", "value": "2024-07-15 +0200 XXX", "zone": "UTC" }, {
    "loc": "XXX",
    "str": "2024-07-15 00:00:00 +0200 XXX",
    "unix": 1720994400,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -0700 MST",
    "value": "2024-07-15 +0200 XXX",
    "zone": "Europe/Berlin",
  }, { "loc": "XXX", "str": "2024-07-15 00:00:00 +0200 XXX", "unix": 1720994400 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 -0700 MST",
    "value": "2024-07-15 +0200 XXX",
    "zone": "America/New_York",
  }, { "loc": "XXX", "str": "2024-07-15 00:00:00 +0200 XXX", "unix": 1720994400 }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2024-060", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-02-29 00:00:00 +0000 UTC",
    "unix": 1709164800,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2024-060", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-02-29 00:00:00 +0100 CET",
    "unix": 1709161200,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2024-060", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-02-29 00:00:00 -0500 EST",
    "unix": 1709182800,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2023-060", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2023-03-01 00:00:00 +0000 UTC",
    "unix": 1677628800,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2023-060", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2023-03-01 00:00:00 +0100 CET",
    "unix": 1677625200,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2023-060", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2023-03-01 00:00:00 -0500 EST",
    "unix": 1677646800,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2024-366", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-12-31 00:00:00 +0000 UTC",
    "unix": 1735603200,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2024-366", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-12-31 00:00:00 +0100 CET",
    "unix": 1735599600,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2024-366", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-12-31 00:00:00 -0500 EST",
    "unix": 1735621200,
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2023-366", "zone": "UTC" }, {
    "err": 'parsing time "2023-366": day-of-year out of range',
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2023-366", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2023-366": day-of-year out of range',
  }],
  [{ "kind": "parse", "layout": "2006-002", "value": "2023-366", "zone": "America/New_York" }, {
    "err": 'parsing time "2023-366": day-of-year out of range',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 002", "value": "2024-03-01 061", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-03-01 00:00:00 +0000 UTC",
    "unix": 1709251200,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 002", "value": "2024-03-01 061", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-03-01 00:00:00 +0100 CET",
    "unix": 1709247600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 002", "value": "2024-03-01 061", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-03-01 00:00:00 -0500 EST",
    "unix": 1709269200,
  }],
  [{ "kind": "parse", "layout": "2006-01-02 002", "value": "2024-03-02 061", "zone": "UTC" }, {
    "err": 'parsing time "2024-03-02 061": day-of-year does not match day',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 002", "value": "2024-03-02 061", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-03-02 061": day-of-year does not match day',
  }],
  [{ "kind": "parse", "layout": "2006-01-02 002", "value": "2024-03-02 061", "zone": "America/New_York" }, {
    "err": 'parsing time "2024-03-02 061": day-of-year does not match day',
  }],
  [{ "kind": "parse", "layout": "2006 __2", "value": "2024  61", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-03-01 00:00:00 +0000 UTC",
    "unix": 1709251200,
  }],
  [{ "kind": "parse", "layout": "2006 __2", "value": "2024  61", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-03-01 00:00:00 +0100 CET",
    "unix": 1709247600,
  }],
  [{ "kind": "parse", "layout": "2006 __2", "value": "2024  61", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-03-01 00:00:00 -0500 EST",
    "unix": 1709269200,
  }],
  [{ "kind": "parse", "layout": "2006 __2", "value": "2024 1", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-01-01 00:00:00 +0000 UTC",
    "unix": 1704067200,
  }],
  [{ "kind": "parse", "layout": "2006 __2", "value": "2024 1", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-01-01 00:00:00 +0100 CET",
    "unix": 1704063600,
  }],
  [{ "kind": "parse", "layout": "2006 __2", "value": "2024 1", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-01-01 00:00:00 -0500 EST",
    "unix": 1704085200,
  }],
  [{ "kind": "parse", "layout": "06", "value": "68", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2068-01-01 00:00:00 +0000 UTC",
    "unix": 3092601600,
  }],
  [{ "kind": "parse", "layout": "06", "value": "68", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2068-01-01 00:00:00 +0100 CET",
    "unix": 3092598000,
  }],
  [{ "kind": "parse", "layout": "06", "value": "68", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2068-01-01 00:00:00 -0500 EST",
    "unix": 3092619600,
  }],
  [{ "kind": "parse", "layout": "06", "value": "69", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "1969-01-01 00:00:00 +0000 UTC",
    "unix": -31536000,
  }],
  [{ "kind": "parse", "layout": "06", "value": "69", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "1969-01-01 00:00:00 +0100 CET",
    "unix": -31539600,
  }],
  [{ "kind": "parse", "layout": "06", "value": "69", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "1969-01-01 00:00:00 -0500 EST",
    "unix": -31518000,
  }],
  [{ "kind": "parse", "layout": "2006", "value": "0000", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 00:00:00 +0000 UTC",
    "unix": -62167219200,
  }],
  [{ "kind": "parse", "layout": "2006", "value": "0000", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 00:00:00 +0053 LMT",
    "unix": -62167222408,
  }],
  [{ "kind": "parse", "layout": "2006", "value": "0000", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 00:00:00 -0456 LMT",
    "unix": -62167201438,
  }],
  [{ "kind": "parse", "layout": "2006", "value": "99999", "zone": "UTC" }, {
    "err": 'parsing time "99999": extra text: "9"',
  }],
  [{ "kind": "parse", "layout": "2006", "value": "99999", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "99999": extra text: "9"',
  }],
  [{ "kind": "parse", "layout": "2006", "value": "99999", "zone": "America/New_York" }, {
    "err": 'parsing time "99999": extra text: "9"',
  }],
  [{ "kind": "parse", "layout": "2006", "value": "-001", "zone": "UTC" }, {
    "err": 'parsing time "-001" as "2006": cannot parse "-001" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006", "value": "-001", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "-001" as "2006": cannot parse "-001" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006", "value": "-001", "zone": "America/New_York" }, {
    "err": 'parsing time "-001" as "2006": cannot parse "-001" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-1-02", "zone": "UTC" }, {
    "err": 'parsing time "2024-1-02" as "2006-01-02": cannot parse "1-02" as "01"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-1-02", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-1-02" as "2006-01-02": cannot parse "1-02" as "01"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-1-02", "zone": "America/New_York" }, {
    "err": 'parsing time "2024-1-02" as "2006-01-02": cannot parse "1-02" as "01"',
  }],
  [{ "kind": "parse", "layout": "2006-1-2", "value": "2024-1-2", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-01-02 00:00:00 +0000 UTC",
    "unix": 1704153600,
  }],
  [{ "kind": "parse", "layout": "2006-1-2", "value": "2024-1-2", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-01-02 00:00:00 +0100 CET",
    "unix": 1704150000,
  }],
  [{ "kind": "parse", "layout": "2006-1-2", "value": "2024-1-2", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-01-02 00:00:00 -0500 EST",
    "unix": 1704171600,
  }],
  [{ "kind": "parse", "layout": "2006-1-2", "value": "2024-01-02", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-01-02 00:00:00 +0000 UTC",
    "unix": 1704153600,
  }],
  [{ "kind": "parse", "layout": "2006-1-2", "value": "2024-01-02", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-01-02 00:00:00 +0100 CET",
    "unix": 1704150000,
  }],
  [{ "kind": "parse", "layout": "2006-1-2", "value": "2024-01-02", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-01-02 00:00:00 -0500 EST",
    "unix": 1704171600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-01-02 extra", "zone": "UTC" }, {
    "err": 'parsing time "2024-01-02 extra": extra text: " extra"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-01-02 extra", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-01-02 extra": extra text: " extra"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-01-02 extra", "zone": "America/New_York" }, {
    "err": 'parsing time "2024-01-02 extra": extra text: " extra"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024/01/02", "zone": "UTC" }, {
    "err": 'parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024/01/02", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024/01/02", "zone": "America/New_York" }, {
    "err": 'parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-"',
  }],
  [{ "kind": "parse", "layout": "2006  01", "value": "2006 01", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2006-01-01 00:00:00 +0000 UTC",
    "unix": 1136073600,
  }],
  [{ "kind": "parse", "layout": "2006  01", "value": "2006 01", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2006-01-01 00:00:00 +0100 CET",
    "unix": 1136070000,
  }],
  [{ "kind": "parse", "layout": "2006  01", "value": "2006 01", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2006-01-01 00:00:00 -0500 EST",
    "unix": 1136091600,
  }],
  [{ "kind": "parse", "layout": "2006 01", "value": "2006   01", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2006-01-01 00:00:00 +0000 UTC",
    "unix": 1136073600,
  }],
  [{ "kind": "parse", "layout": "2006 01", "value": "2006   01", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2006-01-01 00:00:00 +0100 CET",
    "unix": 1136070000,
  }],
  [{ "kind": "parse", "layout": "2006 01", "value": "2006   01", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2006-01-01 00:00:00 -0500 EST",
    "unix": 1136091600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "", "zone": "UTC" }, {
    "err": 'parsing time "" as "2006-01-02": cannot parse "" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "" as "2006-01-02": cannot parse "" as "2006"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "", "zone": "America/New_York" }, {
    "err": 'parsing time "" as "2006-01-02": cannot parse "" as "2006"',
  }],
  [{ "kind": "parse", "layout": "", "value": "", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 00:00:00 +0000 UTC",
    "unix": -62167219200,
  }],
  [{ "kind": "parse", "layout": "", "value": "", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 00:00:00 +0053 LMT",
    "unix": -62167222408,
  }],
  [{ "kind": "parse", "layout": "", "value": "", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 00:00:00 -0456 LMT",
    "unix": -62167201438,
  }],
  [{ "kind": "parse", "layout": "", "value": "x", "zone": "UTC" }, {
    "err": 'parsing time "x": extra text: "x"',
  }],
  [{ "kind": "parse", "layout": "", "value": "x", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "x": extra text: "x"',
  }],
  [{ "kind": "parse", "layout": "", "value": "x", "zone": "America/New_York" }, {
    "err": 'parsing time "x": extra text: "x"',
  }],
  [{ "kind": "parse", "layout": "Monday", "value": "Sunday", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-01 00:00:00 +0000 UTC",
    "unix": -62167219200,
  }],
  [{ "kind": "parse", "layout": "Monday", "value": "Sunday", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-01 00:00:00 +0053 LMT",
    "unix": -62167222408,
  }],
  [{ "kind": "parse", "layout": "Monday", "value": "Sunday", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-01 00:00:00 -0456 LMT",
    "unix": -62167201438,
  }],
  [{ "kind": "parse", "layout": "_2", "value": " 5", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-05 00:00:00 +0000 UTC",
    "unix": -62166873600,
  }],
  [{ "kind": "parse", "layout": "_2", "value": " 5", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-05 00:00:00 +0053 LMT",
    "unix": -62166876808,
  }],
  [{ "kind": "parse", "layout": "_2", "value": " 5", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-05 00:00:00 -0456 LMT",
    "unix": -62166855838,
  }],
  [{ "kind": "parse", "layout": "_2", "value": "15", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-15 00:00:00 +0000 UTC",
    "unix": -62166009600,
  }],
  [{ "kind": "parse", "layout": "_2", "value": "15", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-15 00:00:00 +0053 LMT",
    "unix": -62166012808,
  }],
  [{ "kind": "parse", "layout": "_2", "value": "15", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-15 00:00:00 -0456 LMT",
    "unix": -62165991838,
  }],
  [{ "kind": "parse", "layout": "02", "value": "5", "zone": "UTC" }, {
    "err": 'parsing time "5" as "02": cannot parse "5" as "02"',
  }],
  [{ "kind": "parse", "layout": "02", "value": "5", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "5" as "02": cannot parse "5" as "02"',
  }],
  [{ "kind": "parse", "layout": "02", "value": "5", "zone": "America/New_York" }, {
    "err": 'parsing time "5" as "02": cannot parse "5" as "02"',
  }],
  [{ "kind": "parse", "layout": "2", "value": "31", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0000-01-31 00:00:00 +0000 UTC",
    "unix": -62164627200,
  }],
  [{ "kind": "parse", "layout": "2", "value": "31", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0000-01-31 00:00:00 +0053 LMT",
    "unix": -62164630408,
  }],
  [{ "kind": "parse", "layout": "2", "value": "31", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0000-01-31 00:00:00 -0456 LMT",
    "unix": -62164609438,
  }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05.999999999Z07:00",
    "value": "2024-02-29T23:59:59.999999999+14:00",
    "zone": "UTC",
  }, { "loc": "", "str": "2024-02-29 23:59:59.999999999 +1400 +1400", "unix": 1709200799 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05.999999999Z07:00",
    "value": "2024-02-29T23:59:59.999999999+14:00",
    "zone": "Europe/Berlin",
  }, { "loc": "", "str": "2024-02-29 23:59:59.999999999 +1400 +1400", "unix": 1709200799 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02T15:04:05.999999999Z07:00",
    "value": "2024-02-29T23:59:59.999999999+14:00",
    "zone": "America/New_York",
  }, { "loc": "", "str": "2024-02-29 23:59:59.999999999 +1400 +1400", "unix": 1709200799 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05.000000000",
    "value": "1969-12-31 23:59:59.999999999",
    "zone": "UTC",
  }, { "loc": "UTC", "str": "1969-12-31 23:59:59.999999999 +0000 UTC", "unix": -1 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05.000000000",
    "value": "1969-12-31 23:59:59.999999999",
    "zone": "Europe/Berlin",
  }, { "loc": "Europe/Berlin", "str": "1969-12-31 23:59:59.999999999 +0100 CET", "unix": -3601 }],
  [{
    "kind": "parse",
    "layout": "2006-01-02 15:04:05.000000000",
    "value": "1969-12-31 23:59:59.999999999",
    "zone": "America/New_York",
  }, { "loc": "America/New_York", "str": "1969-12-31 23:59:59.999999999 -0500 EST", "unix": 17999 }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "0001-01-01", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "0001-01-01 00:00:00 +0000 UTC",
    "unix": -62135596800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "0001-01-01", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "0001-01-01 00:00:00 +0053 LMT",
    "unix": -62135600008,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "0001-01-01", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "0001-01-01 00:00:00 -0456 LMT",
    "unix": -62135579038,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "9999-12-31", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "9999-12-31 00:00:00 +0000 UTC",
    "unix": 253402214400,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "9999-12-31", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "9999-12-31 00:00:00 +0100 CET",
    "unix": 253402210800,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "9999-12-31", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "9999-12-31 00:00:00 -0500 EST",
    "unix": 253402232400,
  }],
  [{ "kind": "parse", "layout": "01/02/2006", "value": "12/31/1999", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "1999-12-31 00:00:00 +0000 UTC",
    "unix": 946598400,
  }],
  [{ "kind": "parse", "layout": "01/02/2006", "value": "12/31/1999", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "1999-12-31 00:00:00 +0100 CET",
    "unix": 946594800,
  }],
  [{ "kind": "parse", "layout": "01/02/2006", "value": "12/31/1999", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "1999-12-31 00:00:00 -0500 EST",
    "unix": 946616400,
  }],
  [{ "kind": "parse", "layout": "2006-01-02é", "value": "2024-01-02é", "zone": "UTC" }, {
    "loc": "UTC",
    "str": "2024-01-02 00:00:00 +0000 UTC",
    "unix": 1704153600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02é", "value": "2024-01-02é", "zone": "Europe/Berlin" }, {
    "loc": "Europe/Berlin",
    "str": "2024-01-02 00:00:00 +0100 CET",
    "unix": 1704150000,
  }],
  [{ "kind": "parse", "layout": "2006-01-02é", "value": "2024-01-02é", "zone": "America/New_York" }, {
    "loc": "America/New_York",
    "str": "2024-01-02 00:00:00 -0500 EST",
    "unix": 1704171600,
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-01-0é", "zone": "UTC" }, {
    "err": 'parsing time "2024-01-0\\xc3\\xa9" as "2006-01-02": cannot parse "0\\xc3\\xa9" as "02"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-01-0é", "zone": "Europe/Berlin" }, {
    "err": 'parsing time "2024-01-0\\xc3\\xa9" as "2006-01-02": cannot parse "0\\xc3\\xa9" as "02"',
  }],
  [{ "kind": "parse", "layout": "2006-01-02", "value": "2024-01-0é", "zone": "America/New_York" }, {
    "err": 'parsing time "2024-01-0\\xc3\\xa9" as "2006-01-02": cannot parse "0\\xc3\\xa9" as "02"',
  }],
  [{ "kind": "dur", "value": "0" }, { "ns": 0, "str": "0s" }],
  [{ "kind": "dur", "value": "" }, { "err": 'time: invalid duration ""' }],
  [{ "kind": "dur", "value": "+0" }, { "ns": 0, "str": "0s" }],
  [{ "kind": "dur", "value": "-0" }, { "ns": 0, "str": "0s" }],
  [{ "kind": "dur", "value": "1" }, { "err": 'time: missing unit in duration "1"' }],
  [{ "kind": "dur", "value": "1s" }, { "ns": 1000000000, "str": "1s" }],
  [{ "kind": "dur", "value": "1.5h" }, { "ns": 5400000000000, "str": "1h30m0s" }],
  [{ "kind": "dur", "value": "-1.5h" }, { "ns": -5400000000000, "str": "-1h30m0s" }],
  [{ "kind": "dur", "value": "1h30m" }, { "ns": 5400000000000, "str": "1h30m0s" }],
  [{ "kind": "dur", "value": "300ms" }, { "ns": 300000000, "str": "300ms" }],
  [{ "kind": "dur", "value": "2us" }, { "ns": 2000, "str": "2µs" }],
  [{ "kind": "dur", "value": "2µs" }, { "ns": 2000, "str": "2µs" }],
  [{ "kind": "dur", "value": "2μs" }, { "ns": 2000, "str": "2µs" }],
  [{ "kind": "dur", "value": "1ns" }, { "ns": 1, "str": "1ns" }],
  [{ "kind": "dur", "value": "1.0000000001s" }, { "ns": 1000000000, "str": "1s" }],
  [{ "kind": "dur", "value": ".5s" }, { "ns": 500000000, "str": "500ms" }],
  [{ "kind": "dur", "value": "5.s" }, { "ns": 5000000000, "str": "5s" }],
  [{ "kind": "dur", "value": ".s" }, { "err": 'time: invalid duration ".s"' }],
  [{ "kind": "dur", "value": "1d" }, { "err": 'time: unknown unit "d" in duration "1d"' }],
  [{ "kind": "dur", "value": "1hh" }, { "err": 'time: unknown unit "hh" in duration "1hh"' }],
  [{ "kind": "dur", "value": "1h1" }, { "err": 'time: missing unit in duration "1h1"' }],
  [{ "kind": "dur", "value": "9223372036854775807ns" }, {
    "ns": 9223372036854776000,
    "str": "2562047h47m16.854775807s",
  }],
  [{ "kind": "dur", "value": "9223372036854775808ns" }, {
    "err": 'time: invalid duration "9223372036854775808ns"',
  }],
  [{ "kind": "dur", "value": "-9223372036854775808ns" }, {
    "ns": -9223372036854776000,
    "str": "-2562047h47m16.854775808s",
  }],
  [{ "kind": "dur", "value": "2562047h47m16.854775807s" }, {
    "ns": 9223372036854776000,
    "str": "2562047h47m16.854775807s",
  }],
  [{ "kind": "dur", "value": "2562048h" }, { "err": 'time: invalid duration "2562048h"' }],
  [{ "kind": "dur", "value": "1.00000000000000000000001s" }, { "ns": 1000000000, "str": "1s" }],
  [{ "kind": "dur", "value": "1.9999999999999999999999h" }, { "ns": 7200000000000, "str": "2h0m0s" }],
  [{ "kind": "dur", "value": "1e3s" }, { "err": 'time: unknown unit "e" in duration "1e3s"' }],
  [{ "kind": "dur", "value": " 1s" }, { "err": 'time: invalid duration " 1s"' }],
  [{ "kind": "dur", "value": "1s " }, { "err": 'time: unknown unit "s " in duration "1s "' }],
  [{ "kind": "dur", "value": "1h-1m" }, { "err": 'time: unknown unit "h-" in duration "1h-1m"' }],
  [{ "kind": "dur", "value": "+-1s" }, { "err": 'time: invalid duration "+-1s"' }],
  [{ "kind": "dur", "value": "0.1ms" }, { "ns": 100000, "str": "100µs" }],
  [{ "kind": "dur", "value": "123456789012345678901234567890ns" }, {
    "err": 'time: invalid duration "123456789012345678901234567890ns"',
  }],
  [{ "kind": "dur", "value": "1m1.5s" }, { "ns": 61500000000, "str": "1m1.5s" }],
  [{ "kind": "dur", "value": "é" }, { "err": 'time: invalid duration "\\xc3\\xa9"' }],
  [{ "kind": "dur", "value": "3.14159265358979323846264338327950288419716939937510582097494459s" }, {
    "ns": 3141592653,
    "str": "3.141592653s",
  }],
  [{ "kind": "durfmt", "d": 0, "m": 0 }, { "round": 0, "str": "0s" }],
  [{ "kind": "durfmt", "d": 0, "m": 1000 }, { "round": 0, "str": "0s" }],
  [{ "kind": "durfmt", "d": 0, "m": 1000000000 }, { "round": 0, "str": "0s" }],
  [{ "kind": "durfmt", "d": 0, "m": 3600000000000 }, { "round": 0, "str": "0s" }],
  [{ "kind": "durfmt", "d": 1, "m": 0 }, { "round": 1, "str": "1ns" }],
  [{ "kind": "durfmt", "d": 1, "m": 1000 }, { "round": 0, "str": "1ns" }],
  [{ "kind": "durfmt", "d": 1, "m": 1000000000 }, { "round": 0, "str": "1ns" }],
  [{ "kind": "durfmt", "d": 1, "m": 3600000000000 }, { "round": 0, "str": "1ns" }],
  [{ "kind": "durfmt", "d": 999, "m": 0 }, { "round": 999, "str": "999ns" }],
  [{ "kind": "durfmt", "d": 999, "m": 1000 }, { "round": 1000, "str": "999ns" }],
  [{ "kind": "durfmt", "d": 999, "m": 1000000000 }, { "round": 0, "str": "999ns" }],
  [{ "kind": "durfmt", "d": 999, "m": 3600000000000 }, { "round": 0, "str": "999ns" }],
  [{ "kind": "durfmt", "d": 1000, "m": 0 }, { "round": 1000, "str": "1µs" }],
  [{ "kind": "durfmt", "d": 1000, "m": 1000 }, { "round": 1000, "str": "1µs" }],
  [{ "kind": "durfmt", "d": 1000, "m": 1000000000 }, { "round": 0, "str": "1µs" }],
  [{ "kind": "durfmt", "d": 1000, "m": 3600000000000 }, { "round": 0, "str": "1µs" }],
  [{ "kind": "durfmt", "d": 1001, "m": 0 }, { "round": 1001, "str": "1.001µs" }],
  [{ "kind": "durfmt", "d": 1001, "m": 1000 }, { "round": 1000, "str": "1.001µs" }],
  [{ "kind": "durfmt", "d": 1001, "m": 1000000000 }, { "round": 0, "str": "1.001µs" }],
  [{ "kind": "durfmt", "d": 1001, "m": 3600000000000 }, { "round": 0, "str": "1.001µs" }],
  [{ "kind": "durfmt", "d": 1500, "m": 0 }, { "round": 1500, "str": "1.5µs" }],
  [{ "kind": "durfmt", "d": 1500, "m": 1000 }, { "round": 2000, "str": "1.5µs" }],
  [{ "kind": "durfmt", "d": 1500, "m": 1000000000 }, { "round": 0, "str": "1.5µs" }],
  [{ "kind": "durfmt", "d": 1500, "m": 3600000000000 }, { "round": 0, "str": "1.5µs" }],
  [{ "kind": "durfmt", "d": 999999, "m": 0 }, { "round": 999999, "str": "999.999µs" }],
  [{ "kind": "durfmt", "d": 999999, "m": 1000 }, { "round": 1000000, "str": "999.999µs" }],
  [{ "kind": "durfmt", "d": 999999, "m": 1000000000 }, { "round": 0, "str": "999.999µs" }],
  [{ "kind": "durfmt", "d": 999999, "m": 3600000000000 }, { "round": 0, "str": "999.999µs" }],
  [{ "kind": "durfmt", "d": 1000000, "m": 0 }, { "round": 1000000, "str": "1ms" }],
  [{ "kind": "durfmt", "d": 1000000, "m": 1000 }, { "round": 1000000, "str": "1ms" }],
  [{ "kind": "durfmt", "d": 1000000, "m": 1000000000 }, { "round": 0, "str": "1ms" }],
  [{ "kind": "durfmt", "d": 1000000, "m": 3600000000000 }, { "round": 0, "str": "1ms" }],
  [{ "kind": "durfmt", "d": 1500000, "m": 0 }, { "round": 1500000, "str": "1.5ms" }],
  [{ "kind": "durfmt", "d": 1500000, "m": 1000 }, { "round": 1500000, "str": "1.5ms" }],
  [{ "kind": "durfmt", "d": 1500000, "m": 1000000000 }, { "round": 0, "str": "1.5ms" }],
  [{ "kind": "durfmt", "d": 1500000, "m": 3600000000000 }, { "round": 0, "str": "1.5ms" }],
  [{ "kind": "durfmt", "d": 999999999, "m": 0 }, { "round": 999999999, "str": "999.999999ms" }],
  [{ "kind": "durfmt", "d": 999999999, "m": 1000 }, { "round": 1000000000, "str": "999.999999ms" }],
  [{ "kind": "durfmt", "d": 999999999, "m": 1000000000 }, { "round": 1000000000, "str": "999.999999ms" }],
  [{ "kind": "durfmt", "d": 999999999, "m": 3600000000000 }, { "round": 0, "str": "999.999999ms" }],
  [{ "kind": "durfmt", "d": 1000000000, "m": 0 }, { "round": 1000000000, "str": "1s" }],
  [{ "kind": "durfmt", "d": 1000000000, "m": 1000 }, { "round": 1000000000, "str": "1s" }],
  [{ "kind": "durfmt", "d": 1000000000, "m": 1000000000 }, { "round": 1000000000, "str": "1s" }],
  [{ "kind": "durfmt", "d": 1000000000, "m": 3600000000000 }, { "round": 0, "str": "1s" }],
  [{ "kind": "durfmt", "d": 1000000001, "m": 0 }, { "round": 1000000001, "str": "1.000000001s" }],
  [{ "kind": "durfmt", "d": 1000000001, "m": 1000 }, { "round": 1000000000, "str": "1.000000001s" }],
  [{ "kind": "durfmt", "d": 1000000001, "m": 1000000000 }, { "round": 1000000000, "str": "1.000000001s" }],
  [{ "kind": "durfmt", "d": 1000000001, "m": 3600000000000 }, { "round": 0, "str": "1.000000001s" }],
  [{ "kind": "durfmt", "d": 59999999999, "m": 0 }, { "round": 59999999999, "str": "59.999999999s" }],
  [{ "kind": "durfmt", "d": 59999999999, "m": 1000 }, { "round": 60000000000, "str": "59.999999999s" }],
  [{ "kind": "durfmt", "d": 59999999999, "m": 1000000000 }, { "round": 60000000000, "str": "59.999999999s" }],
  [{ "kind": "durfmt", "d": 59999999999, "m": 3600000000000 }, { "round": 0, "str": "59.999999999s" }],
  [{ "kind": "durfmt", "d": 60000000000, "m": 0 }, { "round": 60000000000, "str": "1m0s" }],
  [{ "kind": "durfmt", "d": 60000000000, "m": 1000 }, { "round": 60000000000, "str": "1m0s" }],
  [{ "kind": "durfmt", "d": 60000000000, "m": 1000000000 }, { "round": 60000000000, "str": "1m0s" }],
  [{ "kind": "durfmt", "d": 60000000000, "m": 3600000000000 }, { "round": 0, "str": "1m0s" }],
  [{ "kind": "durfmt", "d": 3599999999999, "m": 0 }, { "round": 3599999999999, "str": "59m59.999999999s" }],
  [{ "kind": "durfmt", "d": 3599999999999, "m": 1000 }, {
    "round": 3600000000000,
    "str": "59m59.999999999s",
  }],
  [{ "kind": "durfmt", "d": 3599999999999, "m": 1000000000 }, {
    "round": 3600000000000,
    "str": "59m59.999999999s",
  }],
  [{ "kind": "durfmt", "d": 3599999999999, "m": 3600000000000 }, {
    "round": 3600000000000,
    "str": "59m59.999999999s",
  }],
  [{ "kind": "durfmt", "d": 3600000000000, "m": 0 }, { "round": 3600000000000, "str": "1h0m0s" }],
  [{ "kind": "durfmt", "d": 3600000000000, "m": 1000 }, { "round": 3600000000000, "str": "1h0m0s" }],
  [{ "kind": "durfmt", "d": 3600000000000, "m": 1000000000 }, { "round": 3600000000000, "str": "1h0m0s" }],
  [{ "kind": "durfmt", "d": 3600000000000, "m": 3600000000000 }, { "round": 3600000000000, "str": "1h0m0s" }],
  [{ "kind": "durfmt", "d": 86400000000000, "m": 0 }, { "round": 86400000000000, "str": "24h0m0s" }],
  [{ "kind": "durfmt", "d": 86400000000000, "m": 1000 }, { "round": 86400000000000, "str": "24h0m0s" }],
  [{ "kind": "durfmt", "d": 86400000000000, "m": 1000000000 }, { "round": 86400000000000, "str": "24h0m0s" }],
  [{ "kind": "durfmt", "d": 86400000000000, "m": 3600000000000 }, {
    "round": 86400000000000,
    "str": "24h0m0s",
  }],
  [{ "kind": "durfmt", "d": -1, "m": 0 }, { "round": -1, "str": "-1ns" }],
  [{ "kind": "durfmt", "d": -1, "m": 1000 }, { "round": 0, "str": "-1ns" }],
  [{ "kind": "durfmt", "d": -1, "m": 1000000000 }, { "round": 0, "str": "-1ns" }],
  [{ "kind": "durfmt", "d": -1, "m": 3600000000000 }, { "round": 0, "str": "-1ns" }],
  [{ "kind": "durfmt", "d": -1500, "m": 0 }, { "round": -1500, "str": "-1.5µs" }],
  [{ "kind": "durfmt", "d": -1500, "m": 1000 }, { "round": -2000, "str": "-1.5µs" }],
  [{ "kind": "durfmt", "d": -1500, "m": 1000000000 }, { "round": 0, "str": "-1.5µs" }],
  [{ "kind": "durfmt", "d": -1500, "m": 3600000000000 }, { "round": 0, "str": "-1.5µs" }],
  [{ "kind": "durfmt", "d": -3600000000000, "m": 0 }, { "round": -3600000000000, "str": "-1h0m0s" }],
  [{ "kind": "durfmt", "d": -3600000000000, "m": 1000 }, { "round": -3600000000000, "str": "-1h0m0s" }],
  [{ "kind": "durfmt", "d": -3600000000000, "m": 1000000000 }, { "round": -3600000000000, "str": "-1h0m0s" }],
  [{ "kind": "durfmt", "d": -3600000000000, "m": 3600000000000 }, {
    "round": -3600000000000,
    "str": "-1h0m0s",
  }],
  [{ "kind": "adddate", "sec": 1873636221, "nsec": 7, "zone": "Europe/London", "d": 19, "m": -10 }, {
    "add": "2029-05-17 10:30:21.000000007 +0100 BST",
    "str": "2047-08-14 15:30:21.000000007 +0100 BST",
  }],
  [{ "kind": "adddate", "sec": 308760023, "nsec": 7, "zone": "UTC", "d": -4, "m": -1 }, {
    "add": "1979-10-14 10:40:23.000000007 +0000 UTC",
    "str": "1975-09-11 14:40:23.000000007 +0000 UTC",
  }],
  [{ "kind": "adddate", "sec": 2041963434, "nsec": 7, "zone": "Europe/London", "d": -1, "m": -8 }, {
    "add": "2034-09-15 20:03:54.000000007 +0100 BST",
    "str": "2033-01-22 21:03:54.000000007 +0000 GMT",
  }],
  [{ "kind": "adddate", "sec": 315080022, "nsec": 7, "zone": "Asia/Tokyo", "d": 12, "m": -7 }, {
    "add": "1979-12-27 15:13:42.000000007 +0900 JST",
    "str": "1991-06-15 03:13:42.000000007 +0900 JST",
  }],
  [{ "kind": "adddate", "sec": 434455579, "nsec": 7, "zone": "Asia/Kolkata", "d": -9, "m": -12 }, {
    "add": "1983-10-08 06:36:19.000000007 +0530 IST",
    "str": "1973-10-11 15:36:19.000000007 +0530 IST",
  }],
  [{ "kind": "adddate", "sec": 1314398860, "nsec": 7, "zone": "Europe/Berlin", "d": 3, "m": 10 }, {
    "add": "2011-08-27 03:47:40.000000007 +0200 CEST",
    "str": "2015-06-20 00:47:40.000000007 +0200 CEST",
  }],
  [{ "kind": "adddate", "sec": 252458310, "nsec": 7, "zone": "Europe/Berlin", "d": 18, "m": 7 }, {
    "add": "1978-01-01 18:18:30.000000007 +0100 CET",
    "str": "1996-08-12 00:18:30.000000007 +0200 CEST",
  }],
  [{ "kind": "adddate", "sec": 701039528, "nsec": 7, "zone": "Europe/London", "d": -3, "m": -11 }, {
    "add": "1992-03-19 18:12:08.000000007 +0000 GMT",
    "str": "1988-04-27 21:12:08.000000007 +0100 BST",
  }],
  [{ "kind": "adddate", "sec": -235904271, "nsec": 7, "zone": "America/St_Johns", "d": -13, "m": -2 }, {
    "add": "1962-07-10 23:32:09.000000007 -0230 NDT",
    "str": "1949-04-30 12:32:09.000000007 -0330 NST",
  }],
  [{ "kind": "adddate", "sec": -226326997, "nsec": 7, "zone": "Asia/Kathmandu", "d": 13, "m": -15 }, {
    "add": "1962-10-31 05:53:23.000000007 +0530 +0530",
    "str": "1974-08-27 16:53:23.000000007 +0530 +0530",
  }],
  [{ "kind": "adddate", "sec": 1526926732, "nsec": 7, "zone": "America/Sao_Paulo", "d": -14, "m": -13 }, {
    "add": "2018-05-21 01:18:52.000000007 -0300 -03",
    "str": "2003-04-20 15:18:52.000000007 -0300 -03",
  }],
  [{ "kind": "adddate", "sec": 450546240, "nsec": 7, "zone": "Europe/London", "d": -15, "m": 8 }, {
    "add": "1984-04-11 01:44:00.000000007 +0100 BST",
    "str": "1969-11-18 16:44:00.000000007 +0100 BST",
  }],
  [{ "kind": "adddate", "sec": 596766686, "nsec": 7, "zone": "America/St_Johns", "d": 9, "m": 5 }, {
    "add": "1988-11-29 06:01:26.000000007 -0330 NST",
    "str": "1998-05-02 21:01:26.000000007 -0230 NDT",
  }],
  [{ "kind": "adddate", "sec": 194859838, "nsec": 7, "zone": "Europe/London", "d": -10, "m": -11 }, {
    "add": "1976-03-04 21:43:58.000000007 +0000 GMT",
    "str": "1965-04-06 07:43:58.000000007 +0100 BST",
  }],
  [{ "kind": "adddate", "sec": 284821844, "nsec": 7, "zone": "Europe/Berlin", "d": -15, "m": 12 }, {
    "add": "1979-01-09 23:10:44.000000007 +0100 CET",
    "str": "1964-12-14 14:10:44.000000007 +0100 CET",
  }],
  [{ "kind": "adddate", "sec": 469955509, "nsec": 7, "zone": "Asia/Dubai", "d": -8, "m": -8 }, {
    "add": "1984-11-22 03:11:49.000000007 +0400 +04",
    "str": "1976-03-22 11:11:49.000000007 +0400 +04",
  }],
  [{ "kind": "adddate", "sec": 880196070, "nsec": 7, "zone": "UTC", "d": -20, "m": 5 }, {
    "add": "1997-11-21 14:54:30.000000007 +0000 UTC",
    "str": "1978-03-28 10:54:30.000000007 +0000 UTC",
  }],
];
