// `pnpm test`: lint, typecheck and every package's tests through turbo, then one closing line
// that totals every test run, whether turbo succeeded or not.
import { spawnSync } from "node:child_process"
import { rmSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "../..")
rmSync(join(root, "test-results"), { recursive: true, force: true })
const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "lint", "typecheck", "test", "--concurrency=1", "--continue", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
)
const summary = spawnSync(
  "node",
  [join(import.meta.dirname, "test-summary.mjs"), ...(turbo.status ? ["--tasks-failed"] : [])],
  { cwd: root, stdio: "inherit" },
)
process.exit(turbo.status || summary.status || 0)
