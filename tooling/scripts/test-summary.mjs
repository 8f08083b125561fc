// Totals every vitest JSON report under test-results/ into the one line CI reads:
// "N passed, N failed, N skipped". Exits non-zero when anything failed or nothing ran.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const dir = join(import.meta.dirname, "../../test-results")
if (!existsSync(dir)) mkdirSync(dir)
let passed = 0
let failed = 0
let skipped = 0
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"))
  passed += report.numPassedTests ?? 0
  failed += (report.numFailedTests ?? 0) + countFilesFailedOutsideTests(report)
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}
// A file that fails to load or whose hooks fail has no failed test of its own: count it once.
function countFilesFailedOutsideTests(report) {
  return (report.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length
}
// Lint, typecheck or a build failing is a failed check too, even when every test passed.
const tasksFailed = process.argv.includes("--tasks-failed")
if (tasksFailed && failed === 0) {
  console.error("A lint, typecheck or build task failed (see above); it counts as one failure.")
  failed = 1
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
