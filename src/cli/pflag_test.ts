import assert from "node:assert/strict";
import type { CommandSpec } from "./command_spec.ts";
import { convertFlagValue, parseFlags, parseGoDuration, tokenize } from "./pflag.ts";
import { UsageError } from "../errors/mod.ts";

const root: CommandSpec = {
  use: "charta",
  short: "root",
  flags: [
    { name: "namespace", short: "n", kind: "string", usage: "ns" },
    { name: "debug", kind: "bool", usage: "debug" },
    { name: "burst-limit", kind: "int", usage: "burst" },
  ],
  subcommands: [
    {
      use: "install",
      short: "install",
      flags: [
        { name: "wait", kind: "string", usage: "wait", noOptDefVal: "watcher" },
        { name: "set", kind: "stringArray", usage: "set" },
        { name: "quiet", short: "q", kind: "bool", usage: "q" },
        { name: "all", short: "a", kind: "bool", usage: "a" },
        { name: "output", short: "o", kind: "string", usage: "o" },
      ],
      run: () => {},
    },
    { use: "repo", short: "repo", subcommands: [{ use: "add", short: "add", run: () => {} }] },
  ],
};

function values(argv: string[]) {
  const line = tokenize(root, argv);
  return {
    path: line.path.map((c) => c.use),
    flags: line.flags.map((f) => `${f.flag.name}=${f.value}`),
    args: line.args,
    unknown: line.unknownCommand,
  };
}

Deno.test("flags may come before, between and after the command and its arguments", () => {
  assert.deepEqual(values(["-n", "ns", "install", "rel", "--debug", "chart"]), {
    path: ["charta", "install"],
    flags: ["namespace=ns", "debug=true"],
    args: ["rel", "chart"],
    unknown: undefined,
  });
});

Deno.test("a flag's value that equals a command name is not taken as the command", () => {
  assert.deepEqual(values(["--namespace", "install", "install", "x"]).path, ["charta", "install"]);
  assert.deepEqual(values(["--namespace", "install", "install", "x"]).args, ["x"]);
});

Deno.test("nested commands resolve through groups", () => {
  assert.deepEqual(values(["repo", "add", "name", "url"]).path, ["charta", "repo", "add"]);
});

Deno.test("an unknown word at the root is reported as an unknown command", () => {
  assert.equal(values(["instal", "x"]).unknown, "instal");
  assert.equal(values(["repo", "nope"]).unknown, undefined); // groups print help, as cobra does
});

Deno.test("pflag short forms: clusters, attached values, =values", () => {
  assert.deepEqual(values(["install", "-qa", "-ojson"]).flags, ["quiet=true", "all=true", "output=json"]);
  assert.deepEqual(values(["install", "-o=yaml"]).flags, ["output=yaml"]);
  assert.deepEqual(values(["install", "-qo", "table"]).flags, ["quiet=true", "output=table"]);
});

Deno.test("bools take =false, never a separate value", () => {
  assert.deepEqual(values(["install", "--debug=false", "x"]).flags, ["debug=false"]);
  assert.deepEqual(values(["install", "--debug", "false"]).args, ["false"]);
});

Deno.test("optional-value flags take a value only after =", () => {
  assert.deepEqual(values(["install", "--wait", "rel"]).flags, ["wait=watcher"]);
  assert.deepEqual(values(["install", "--wait", "rel"]).args, ["rel"]);
  assert.deepEqual(values(["install", "--wait=legacy"]).flags, ["wait=legacy"]);
});

Deno.test("a value may start with a dash, and -- ends flags", () => {
  assert.deepEqual(values(["install", "--burst-limit", "-1"]).flags, ["burst-limit=-1"]);
  assert.deepEqual(values(["install", "--", "--debug"]).args, ["--debug"]);
});

Deno.test("pflag's error texts", () => {
  const err = (argv: string[]) => {
    try {
      tokenize(root, argv);
    } catch (e) {
      assert.ok(e instanceof UsageError);
      return e.message;
    }
    return "no error";
  };
  assert.equal(err(["install", "--nope"]), "unknown flag: --nope");
  assert.equal(err(["install", "-x"]), "unknown shorthand flag: 'x' in -x");
  assert.equal(err(["install", "-qx"]), "unknown shorthand flag: 'x' in -qx");
  assert.equal(err(["install", "--namespace"]), "flag needs an argument: --namespace");
  assert.equal(err(["install", "-n"]), "flag needs an argument: 'n' in -n");
  assert.equal(err(["---x"]), "bad flag syntax: ---x");
});

Deno.test("values convert with Go's parsers and pflag's messages", () => {
  const int = { name: "burst-limit", kind: "int", usage: "" } as const;
  assert.equal(convertFlagValue(int, "0x10", undefined), 16);
  assert.equal(convertFlagValue(int, "010", undefined), 8);
  assert.throws(
    () => convertFlagValue(int, "abc", undefined),
    {
      message:
        'invalid argument "abc" for "--burst-limit" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    },
  );
  const bool = { name: "debug", kind: "bool", usage: "" } as const;
  assert.equal(convertFlagValue(bool, "T", undefined), true);
  assert.equal(convertFlagValue(bool, "0", undefined), false);
  assert.throws(
    () => convertFlagValue(bool, "yes", undefined),
    /strconv.ParseBool: parsing "yes": invalid syntax/,
  );
  const arr = { name: "set", kind: "stringArray", usage: "" } as const;
  assert.deepEqual(convertFlagValue(arr, "a=1,b=2", ["x"]), ["x", "a=1,b=2"]);
  const slice = { name: "groups", kind: "stringSlice", usage: "" } as const;
  assert.deepEqual(convertFlagValue(slice, 'a,"b,c"', ["x"]), ["x", "a", "b,c"]);
  const f32 = { name: "qps", kind: "float32", usage: "" } as const;
  assert.equal(convertFlagValue(f32, "0.1", undefined), Math.fround(0.1));
});

Deno.test("Go durations", () => {
  assert.equal(parseGoDuration("5m"), 300_000);
  assert.equal(parseGoDuration("1h30m"), 5_400_000);
  assert.equal(parseGoDuration("1.5s"), 1500);
  assert.equal(parseGoDuration("300ms"), 300);
  assert.equal(parseGoDuration("0"), 0);
  assert.equal(parseGoDuration("5"), undefined);
  assert.equal(parseGoDuration("abc"), undefined);
});

Deno.test("parseFlags keeps argument order and interleaving", () => {
  const known = root.subcommands![0].flags!;
  const { flags, args } = parseFlags(["a", "--set", "x=1", "b", "--set=y=2"], [...known]);
  assert.deepEqual(args, ["a", "b"]);
  assert.deepEqual(flags.map((f) => f.value), ["x=1", "y=2"]);
});
