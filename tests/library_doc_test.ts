import assert from "node:assert/strict";

const DOC = new URL("../docs/library.md", import.meta.url);

function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

Deno.test("the program in docs/library.md runs and prints what the page says", async () => {
  const md = await Deno.readTextFile(DOC);
  const [program] = blocks(md, "ts");
  const [expected] = blocks(md, "text");
  assert.ok(program && expected, "docs/library.md must hold a ts program and its text output");
  // Written beside the docs so that its relative import of ../mod.ts resolves.
  const file = new URL("../docs/.library_example.ts", import.meta.url).pathname;
  await Deno.writeTextFile(file, program);
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", "--quiet", file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    assert.equal(new TextDecoder().decode(out.stdout), expected);
  } finally {
    await Deno.remove(file);
  }
});
