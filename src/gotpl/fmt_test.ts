import assert from "node:assert/strict";
import { formatValue, sprint, sprintf, sprintln } from "./fmt.ts";
import { int, Named, Obj, Point, PointPtr, typed } from "./test_helpers.ts";
import { GoComplex, GoInt } from "./value.ts";

const i64 = (n: number | bigint) => GoInt.of(n, "int64");
const u8 = (n: number) => GoInt.of(n, "uint8");
const u64 = (n: number | bigint) => GoInt.of(n, "uint64");
const bytes = (s: string) => new TextEncoder().encode(s);

/** [format, args, expected] — expectations checked against Go's fmt. */
export const SPRINTF_CASES: [string, unknown[], string][] = [
  // %v of basic values
  ["%v", [1.5], "1.5"],
  ["%v", [1000000], "1e+06"],
  ["%v", [100000], "100000"],
  ["%v", [123456789], "1.23456789e+08"],
  ["%v", [0.0001], "0.0001"],
  ["%v", [0.00001], "1e-05"],
  ["%v", [-0], "-0"],
  ["%v", [NaN], "NaN"],
  ["%v", [Infinity], "+Inf"],
  ["%v", [-Infinity], "-Inf"],
  ["%v", [1e21], "1e+21"],
  ["%v", [1e20], "1e+20"],
  ["%v", [12345678901234567890], "1.2345678901234567e+19"],
  ["%v", [0.1 + 0.2], "0.30000000000000004"],
  ["%v", [5e-324], "5e-324"],
  ["%v", [1.7976931348623157e308], "1.7976931348623157e+308"],
  ["%v", [int(42)], "42"],
  ["%v", [i64(-7)], "-7"],
  ["%v", [u64(18446744073709551615n)], "18446744073709551615"],
  ["%v", [true], "true"],
  ["%v", ["str"], "str"],
  ["%v", [null], "<nil>"],
  ["%v", [[1, "a", null]], "[1 a <nil>]"],
  ["%v", [{ b: 2, a: [1, 2], c: { d: "x" } }], "map[a:[1 2] b:2 c:map[d:x]]"],
  ["%v", [bytes("hi")], "[104 105]"],
  ["%v", [typed(["a", "b"], "[]string")], "[a b]"],
  ["%v", [typed({ z: "1", a: "2" }, "map[string]string")], "map[a:2 z:1]"],
  ["%v", [new GoComplex(1, -2)], "(1-2i)"],
  ["%v", [new Point(1, 2)], "{1 2}"],
  ["%v", [new PointPtr(1, 2)], "&{1 2}"],
  ["%+v", [new Point(1, 2)], "{X:1 Y:2}"],
  ["%+v", [new PointPtr(3, 4)], "&{X:3 Y:4}"],
  ["%v", [new Named("x")], "Named(x)"],
  ["%s", [new Named("x")], "Named(x)"],
  ["%d", [new Named("x")], "{%!d(string=x)}"],
  ["%v", [[new Named("a"), new Point(5, 6)]], "[Named(a) {5 6}]"],
  ["%v", [{ k: new Named("v") }], "map[k:Named(v)]"],
  ["%v", [[[]]], "[[]]"],
  ["%v", [{}], "map[]"],
  ["%v", [[]], "[]"],
  ["%v", [{ "b": 1, "B": 2, "a": 3, "é": 4, "z": 5, "10": 6, "9": 7 }], "map[10:6 9:7 B:2 a:3 b:1 z:5 é:4]"],
  // %T
  ["%T", [1.5], "float64"],
  ["%T", [int(1)], "int"],
  ["%T", [i64(1)], "int64"],
  ["%T", ["s"], "string"],
  ["%T", [true], "bool"],
  ["%T", [null], "<nil>"],
  ["%T", [[1]], "[]interface {}"],
  ["%T", [{}], "map[string]interface {}"],
  ["%T", [typed([], "[]string")], "[]string"],
  ["%T", [bytes("x")], "[]uint8"],
  ["%T", [new PointPtr(1, 2)], "*main.Point"],
  ["%T", [new GoComplex(0, 1)], "complex128"],
  ["%10T|%-8T|", [1.5, "s"], "   float64|string  |"],
  // %d and friends
  ["%d", [int(-12)], "-12"],
  ["%5d|%-5d|%05d", [int(42), int(42), int(-42)], "   42|42   |-0042"],
  ["%+d % d %+d", [int(5), int(5), int(-5)], "+5  5 -5"],
  ["%.3d|%8.3d|%08.3d", [int(7), int(7), int(7)], "007|     007|     007"],
  ["%.0d|%5.0d|", [int(0), int(0)], "|     |"],
  ["%x %X %o %O %b", [int(255), int(255), int(8), int(8), int(5)], "ff FF 10 0o10 101"],
  ["%#x %#X %#o %#b", [int(255), int(255), int(8), int(5)], "0xff 0XFF 010 0b101"],
  ["%x", [int(-255)], "-ff"],
  ["%#v %#v", [int(10), u8(10)], "10 0xa"],
  ["%c%c%c", [int(72), int(0x4e16), int(0x1f600)], "H世😀"],
  ["%q %q %+q", [int(97), int(0x4e16), int(0x4e16)], "'a' '世' '\\u4e16'"],
  ["%U %#U", [int(0x41), int(0x1f600)], "U+0041 U+1F600 '😀'"],
  ["%c", [int(-1)], "\ufffd"],
  ["%d", [u64(18446744073709551615n)], "18446744073709551615"],
  ["%x", [i64(-9223372036854775808n)], "-8000000000000000"],
  // bad verbs
  ["%d", [8080], "%!d(float64=8080)"],
  ["%d", [1.5], "%!d(float64=1.5)"],
  ["%s", [int(5)], "%!s(int=5)"],
  ["%s", [null], "%!s(<nil>)"],
  ["%d", ["abc"], "%!d(string=abc)"],
  ["%t", [int(1)], "%!t(int=1)"],
  ["%t %t", [true, false], "true false"],
  ["%f", [int(3)], "%!f(int=3)"],
  ["%z", [1.5], "%!z(float64=1.5)"],
  ["%05d", [1.5], "%!d(float64=001.5)"],
  ["%d", [[1, "a"]], "[%!d(float64=1) %!d(string=a)]"],
  ["%d", [{ a: "b" }], "map[%!d(string=a):%!d(string=b)]"],
  ["%s", [[1, "a"]], "[%!s(float64=1) a]"],
  ["%s", [[null]], "[<nil>]"],
  ["%d", [true], "%!d(bool=true)"],
  ["%x", [true], "%!x(bool=true)"],
  ["%ä", [int(1)], "%!ä(int=1)"],
  // missing / extra / bad index
  ["%d", [], "%!d(MISSING)"],
  ["%s %s", ["a"], "a %!s(MISSING)"],
  ["%d", [int(1), int(2)], "1%!(EXTRA int=2)"],
  ["x", [int(1), "s", null], "x%!(EXTRA int=1, string=s, <nil>)"],
  ["%[2]d %[1]d", [int(1), int(2)], "2 1"],
  ["%[3]d", [int(1), int(2)], "%!d(BADINDEX)"],
  ["%[1]d %d", [int(1), int(2)], "1 2"],
  ["%[0]d", [int(1)], "%!d(BADINDEX)"],
  ["%[x]d", [int(1)], "%!d(BADINDEX)"],
  ["%", [], "%!(NOVERB)"],
  ["%-", [int(1)], "%!(NOVERB)%!(EXTRA int=1)"],
  ["%%", [], "%"],
  ["%5%", [], "%"],
  ["100%% %d%%", [int(5)], "100% 5%"],
  // width / precision from arguments
  ["%*d", [int(5), int(42)], "   42"],
  ["%-*d|", [int(5), int(42)], "42   |"],
  ["%*d|", [int(-5), int(42)], "42   |"],
  ["%.*f", [int(2), 3.14159], "3.14"],
  ["%*.*f", [int(8), int(3), 3.14159], "   3.142"],
  ["%*d", [1.5, int(42)], "%!(BADWIDTH)42"],
  ["%.*d", ["x", int(42)], "%!(BADPREC)42"],
  ["%*d", [int(10000000), int(1)], "%!(BADWIDTH)1"],
  ["%.*d", [int(-2), int(42)], "%!(BADPREC)42"],
  // floats
  ["%f", [3.14159], "3.141590"],
  ["%.2f", [3.14159], "3.14"],
  ["%05.2f", [3.14159], "03.14"],
  ["%8.3f|%-8.3f|", [-3.14159, 3.14159], "  -3.142|3.142   |"],
  ["%+.1f % .1f", [2.5, 2.5], "+2.5  2.5"],
  ["%.0f %.0f %.0f %.0f", [0.5, 1.5, 2.5, -0.5], "0 2 2 -0"],
  ["%.2f %.2f", [0.125, 0.375], "0.12 0.38"],
  ["%.1f", [0.05], "0.1"],
  ["%e %E", [123456.789, 0.000123], "1.234568e+05 1.230000E-04"],
  ["%.2e", [0], "0.00e+00"],
  ["%g %g %g %g", [100000, 1000000, 1e-5, 123.456], "100000 1e+06 1e-05 123.456"],
  ["%.3g %.3g %.10g", [123456, 0.00012345, 1 / 3], "1.23e+05 0.000123 0.3333333333"],
  ["%G", [1e-10], "1E-10"],
  ["%F", [2.5], "2.500000"],
  ["%#g %#.3g %#v", [1.0, 2.0, 1.0], "1.00000 2.00 1"],
  ["%#.0f %#e", [3.0, 1.0], "3. 1.000000e+00"],
  ["%x %X", [1.5, -0.125], "0x1.8p+00 -0X1P-03"],
  ["%.2x", [1 / 3], "0x1.55p-02"],
  ["%b", [1.0], "4503599627370496p-52"],
  ["%08.3f|%-08.3f|%+08.3f", [-1.5, -1.5, 1.5], "-001.500|-1.500  |+001.500"],
  ["%010v|%-10v|", [NaN, Infinity], "       NaN|+Inf      |"],
  ["%+v % v %+f %+f", [NaN, NaN, -Infinity, NaN], "NaN  NaN -Inf +NaN"],
  ["%08v", [-Infinity], "    -Inf"],
  ["%6.2f", [1e21], "1000000000000000000000.00"],
  ["%.30f", [0.1], "0.100000000000000005551115123126"],
  ["%v", [new GoComplex(1.5, 0)], "(1.5+0i)"],
  ["%.2f", [new GoComplex(1, 2)], "(1.00+2.00i)"],
  ["%d", [new GoComplex(1, 2)], "%!d(complex128=(1+2i))"],
  // strings
  ["%s|%10s|%-10s|", ["go", "go", "go"], "go|        go|go        |"],
  ["%.2s|%5.1s|", ["héllo", "héllo"], "hé|    h|"],
  ["%5s|", ["日本"], "   日本|"],
  ["%05s|", ["ab"], "000ab|"],
  ["%-05s|", ["ab"], "ab   |"],
  ["%x %X % x %#x %# x", ["hi", "hi", "hi", "hi", "hi"], "6869 6869 68 69 0x6869 0x68 0x69"],
  ["%x|%8x|%-8x|%.1x", ["héllo", "ab", "ab", "ab"], "68c3a96c6c6f|    6162|6162    |61"],
  ["%x|%5x|", ["", ""], "|     |"],
  ["%q", ['a"b\\c\n\t\u0001\u007f'], '"a\\"b\\\\c\\n\\t\\x01\\x7f"'],
  ["%q %+q", ["日本\u00a0", "日本"], '"日本\\u00a0" "\\u65e5\\u672c"'],
  ["%#q %#q", ["abc", "a`b"], '`abc` "a`b"'],
  ["%q", ["\u{1F600}\u200b"], '"😀\\u200b"'],
  ["%10q|", ["a"], '       "a"|'],
  ["%.1q", ["abc"], '"a"'],
  ["%v %#v", ["s", "s"], 's "s"'],
  ["%s", [bytes("héllo")], "héllo"],
  ["%x %X %q", [bytes("hi"), bytes("hi"), bytes("hi")], '6869 6869 "hi"'],
  ["%d", [bytes("hi")], "[104 105]"],
  ["%5v", [bytes("\u0001")], "[    1]"],
  ["%o", [bytes("\b")], "[10]"],
  ["%s", [[bytes("a"), "b"]], "[a b]"],
  ["%x", [["ab", int(255)]], "[6162 ff]"],
  // Go syntax
  ["%#v", [[1, "a"]], '[]interface {}{1, "a"}'],
  ["%#v", [{ a: 1 }], 'map[string]interface {}{"a":1}'],
  ["%#v", [typed(["x"], "[]string")], '[]string{"x"}'],
  ["%#v", [new Point(1, 2)], "main.Point{X:1, Y:2}"],
  ["%#v", [new PointPtr(1, 2)], "&main.Point{X:1, Y:2}"],
  ["%#v", [[null]], "[]interface {}{interface {}(nil)}"],
  ["%#v", [null], "<nil>"],
  ["%#v", [bytes("ab")], "[]byte{0x61, 0x62}"],
  ["%#v %#v", [true, 1.5], "true 1.5"],
  // structs with nested values
  ["%v", [new Obj({ Name: "o", Count: int(2), M: { a: 1 } })], "&{o 2 <nil> <nil> <nil> map[a:1] 0}"],
  ["%+v", [new Obj({ Name: "o", M: {} })], "&{Name:o Count:0 Inner:<nil> Any:<nil> F:<nil> M:map[] priv:0}"],
  ["%v", [[new PointPtr(1, 2)].length], "1"],
];

Deno.test("sprintf table", () => {
  for (const [format, args, want] of SPRINTF_CASES) {
    assert.equal(sprintf(format, ...args), want, `sprintf(${JSON.stringify(format)})`);
  }
});

/** [args, Sprint, Sprintln] */
export const SPRINT_CASES: [unknown[], string, string][] = [
  [["a", int(1), int(2), "b"], "a1 2b", "a 1 2 b\n"],
  [[int(1), int(2)], "1 2", "1 2\n"],
  [["a", "b"], "ab", "a b\n"],
  [[null, null], "<nil> <nil>", "<nil> <nil>\n"],
  [[null, "x", null], "<nil>x<nil>", "<nil> x <nil>\n"],
  [[1.5, true, [1]], "1.5 true [1]", "1.5 true [1]\n"],
  [[], "", "\n"],
  [[1e6], "1e+06", "1e+06\n"],
  [[new Named("q"), "x"], "Named(q)x", "Named(q) x\n"],
];

Deno.test("sprint and sprintln", () => {
  for (const [args, s, ln] of SPRINT_CASES) {
    assert.equal(sprint(...args), s);
    assert.equal(sprintln(...args), ln);
  }
});

Deno.test("formatValue is %v", () => {
  assert.equal(formatValue(8080), "8080");
  assert.equal(formatValue(1e6), "1e+06");
  assert.equal(formatValue(int(1000000)), "1000000");
  assert.equal(formatValue(null), "<nil>");
  assert.equal(formatValue({ a: [1, 2] }), "map[a:[1 2]]");
  assert.equal(formatValue(false), "false");
  assert.equal(formatValue(new Uint8Array([104, 105])), "[104 105]");
});

Deno.test("a String method that throws is reported like a Go panic", () => {
  class Bad extends Named {
    override String(): string {
      throw new Error("nope");
    }
  }
  assert.equal(sprintf("%v|%d", new Bad("x"), int(1)), "%!v(PANIC=String method: nope)|1");
});
