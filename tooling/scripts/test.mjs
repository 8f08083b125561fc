// `pnpm test`: lint, typecheck and every package's tests through turbo, then one closing line
// that totals every test run, whether turbo succeeded or not. Chromium and PostgreSQL are
// installed first where missing (or the run stops with the command that does), and the
// tests are told they are required, so none of them is skipped for want of either.
import { spawnSync } from "node:child_process"
import { rmSync } from "node:fs"
import { join } from "node:path"
import { ensureSystemPackages } from "./system-packages.mjs"
import { requireEnginesNode } from "./node-version.mjs"

requireEnginesNode()

const root = join(import.meta.dirname, "../..")
ensureSystemPackages(["chromium", "postgresql"])
rmSync(join(root, "test-results"), { recursive: true, force: true })
const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "lint", "typecheck", "test", "--concurrency=1", "--continue", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...process.env, COORDINA_TEST_REQUIRE: "chromium,postgresql" } },
)
const summary = spawnSync(
  "node",
  [join(import.meta.dirname, "test-summary.mjs"), ...(turbo.status ? ["--tasks-failed"] : [])],
  { cwd: root, stdio: "inherit" },
)
process.exit(turbo.status || summary.status || 0)
