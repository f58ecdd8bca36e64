import assert from "node:assert/strict";
import { GoInt } from "../gotpl/value.ts";
import { mergeValueOptions } from "./options.ts";
import { loadValues } from "../chart/values.ts";

const files: Record<string, string> = {
  "a.yaml": "image: {repository: nginx, tag: '1.0'}\nreplicas: 2\nlist: [1, 2]\n",
  "b.yaml": "image: {tag: '2.0'}\nlist: [3]\n---\nextra: true\n",
  "bad.yaml": "a: [1,\n",
  "token.txt": "s3cr3t\n",
};
const read = (p: string) => {
  if (!(p in files)) throw new Error(`open ${p}: no such file or directory`);
  return new TextEncoder().encode(files[p]);
};

Deno.test("-f files deep-merge in order; lists are replaced; documents merge", async () => {
  const v = await mergeValueOptions({ valueFiles: ["a.yaml", "b.yaml"] }, read);
  assert.deepEqual(v, { image: { repository: "nginx", tag: "2.0" }, replicas: 2, list: [3], extra: true });
});

Deno.test("precedence: files < --set-json < --set < --set-string < --set-file < --set-literal", async () => {
  const v = await mergeValueOptions({
    valueFiles: ["a.yaml"],
    jsonValues: ['replicas={"n":1}', '{"json":true}'],
    values: ["replicas=5", "s=x"],
    stringValues: ["s=7"],
    fileValues: ["token=token.txt"],
    literalValues: ["lit=a,b=c"],
  }, read);
  assert.deepEqual(v.replicas, GoInt.of(5, "int64"));
  assert.equal(v.s, "7");
  assert.equal(v.token, "s3cr3t\n");
  assert.equal(v.lit, "a,b=c");
  assert.equal(v.json, true);
});

Deno.test("errors are worded as helm's and name the bad input", async () => {
  await assert.rejects(() => mergeValueOptions({ valueFiles: ["bad.yaml"] }, read), {
    message: "failed to parse bad.yaml: cannot unmarshal yaml document: error converting YAML to JSON: " +
      "yaml: line 1: did not find expected node content",
  });
  await assert.rejects(() => mergeValueOptions({ values: ["a=1,b"] }, read), {
    message: 'failed parsing --set data: key "b" has no value',
  });
  await assert.rejects(() => mergeValueOptions({ jsonValues: ["a={bad"] }, read), {
    message: /^failed parsing --set-json data/,
  });
  await assert.rejects(() => mergeValueOptions({ fileValues: ["a=missing.txt"] }, read), {
    message: /^failed parsing --set-file data: .*missing\.txt/,
  });
});

Deno.test("loadValues reads YAML 1.1 as helm does: numbers float64, n/on keys are booleans", () => {
  assert.deepEqual(loadValues("n: 1\non: yes\nx: 0777\n"), { false: 1, true: true, x: 511 });
});
