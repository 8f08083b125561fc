// `pnpm bench [--scale 0.1] [--only sqlite|postgres] …`: the benchmarks through turbo (only
// @coordina/api has one: it covers the store's SQL over HTTP), its options passed through; then
// the SPA's JavaScript per route (web-size.mjs).
// PostgreSQL is installed first where missing, unless the run is SQLite only.
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { ensureSystemPackages } from "./system-packages.mjs"
import { requireEnginesNode } from "./node-version.mjs"

requireEnginesNode()

const args = process.argv.slice(2).filter((a) => a !== "--")
const only = args[args.indexOf("--only") + 1]
if (!args.includes("--only") || only !== "sqlite") ensureSystemPackages(["postgresql"])
const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "bench", "--concurrency=1", "--log-prefix=none", "--", ...args],
  { cwd: join(import.meta.dirname, "../.."), stdio: "inherit" },
)
// The SPA's JavaScript per route, gzipped, against its budgets (issue 11).
const web = spawnSync("node", [join(import.meta.dirname, "web-size.mjs")], { stdio: "inherit" })
process.exit(turbo.status || web.status || 0)
