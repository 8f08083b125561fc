// `node tooling/scripts/web-size.mjs [--no-build] [--json]`: the JavaScript each route of the SPA
// loads, gzipped, from a fresh `vite build`'s manifest: the entry chunk, the route's component
// and its parent layouts, with everything they import statically (shared chunks counted once).
// Fails when the first page passes 250 KB or the project dashboard 350 KB (issue 11).
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { gzipSync } from "node:zlib"

const web = join(import.meta.dirname, "../../apps/web")
const dist = join(web, "dist")
const args = process.argv.slice(2)
if (!args.includes("--no-build")) {
  const built = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: web, stdio: "inherit" })
  if (built.status !== 0) process.exit(built.status ?? 1)
}
const manifestPath = join(dist, ".vite/manifest.json")
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: build apps/web first (build.manifest is on in vite.config.ts).`)
  process.exit(1)
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"))
const gzipped = new Map()
const gzipSize = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length)
  return gzipped.get(file)
}

/**
 * The files `key` loads before it runs: itself and its static imports, transitively; with
 * `deferred`, also what it imports lazily once shown (the dashboard's charts).
 */
const closure = (key, into = new Set(), deferred = false) => {
  const chunk = manifest[key]
  if (!chunk || into.has(chunk.file)) return into
  into.add(chunk.file)
  for (const i of chunk.imports ?? []) closure(i, into, deferred)
  if (deferred) for (const i of chunk.dynamicImports ?? []) closure(i, into, deferred)
  return into
}
const jsKb = (files, size = gzipSize) =>
  [...files].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + size(f), 0) / 1024
const rawSize = (file) => readFileSync(join(dist, file)).length

const split = "?tsr-split="
const component = `${split}component`
const routeKeys = Object.keys(manifest).filter((k) => k.startsWith("src/routes/") && k.endsWith(component))
/** The split pieces of a route file that a visit loads: its loader and its component. */
const piecesOf = (file) =>
  Object.keys(manifest).filter((k) => k.startsWith(`${file}${split}`) && /=(loader|component)$/.test(k))
/** The route file and the layouts above it: `src/routes/_app/x/y.tsx` has `_app.tsx` and `_app/x.tsx`. */
const chainOf = (file) => {
  const out = [file]
  for (let dir = dirname(file); dir !== "src/routes" && dir !== "."; dir = dirname(dir))
    out.push(`${dir}.tsx`)
  return out.flatMap(piecesOf)
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
const rows = routeKeys
  .map((key) => {
    const file = key.slice(0, -component.length)
    const files = new Set()
    for (const k of [entry, ...chainOf(file)]) closure(k, files)
    // The entry's own lazy imports are the other routes: only the route's pieces count here.
    const all = closure(entry, new Set())
    for (const k of chainOf(file)) closure(k, all, true)
    return {
      route: file.replace(/^src\/routes\//, "").replace(/\.tsx$/, ""),
      kb: jsKb(files),
      withDeferredKb: jsKb(all),
      rawKb: jsKb(all, rawSize),
    }
  })
  .sort((a, b) => b.kb - a.kb)

const budgets = [
  { name: "first page (sign-in)", route: "sign-in", maxKb: 250 },
  { name: "first page after sign-in (projects)", route: "_app/projects/index", maxKb: 250 },
  { name: "dashboard", route: "_app/projects/$projectId/index", maxKb: 350 },
]
if (args.includes("--json")) {
  console.log(JSON.stringify({ rows, budgets }, null, 2))
} else {
  console.log("\nweb: JavaScript per route (KB): gzipped to show it, gzipped with what it loads later, uncompressed")
  for (const r of rows)
    console.log(
      `  ${r.kb.toFixed(1).padStart(7)}  ${r.withDeferredKb.toFixed(1).padStart(7)}  ${r.rawKb.toFixed(1).padStart(8)}  ${r.route}`,
    )
}
// A budget passed is printed as OVER, as every other goal of `pnpm bench` is, so the rest of the
// run still reports; only a budgeted route missing from the build (a broken measurement) fails.
let failed = false
for (const b of budgets) {
  const row = rows.find((r) => r.route === b.route)
  const ok = row !== undefined && row.kb < b.maxKb
  failed ||= row === undefined
  console.log(
    `web budget: ${b.name} ${row ? row.kb.toFixed(1) : "?"} KB of ${b.maxKb} KB: ${ok ? "within" : "OVER"}`,
  )
}
process.exit(failed ? 1 : 0)
