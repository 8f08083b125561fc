// `pnpm start`: installs and builds what is missing, then runs the API (which migrates the
// database, loads demo data into a new embedded one and serves the SPA) and, once the API
// answers, the worker. A service that crashes is restarted with back-off (see supervise.mjs)
// and the log says so; Ctrl-C stops both.
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { supervise } from "./supervise.mjs"
import { requireEnginesNode } from "./node-version.mjs"

requireEnginesNode()

const root = join(import.meta.dirname, "../..")
const port = process.env.PORT ?? "3000"
// The API listens on HOST (loopback by default); a wildcard address is reached on loopback.
const host =
  process.env.HOST && !["0.0.0.0", "::"].includes(process.env.HOST) ? process.env.HOST : "127.0.0.1"
const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`

const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(join(root, "node_modules/.modules.yaml"))) step("pnpm", ["install", "--frozen-lockfile"])
step("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"])

// The API's and the worker's Node flags (heap caps that keep their memory in bounds) live in their
// package.json, where the benchmarks and the tests read them too.
const nodeFlags = (app) =>
  JSON.parse(readFileSync(join(root, `apps/${app}/package.json`), "utf8")).coordina.nodeFlags
const apiFlags = nodeFlags("api")
const env = { ...process.env, PORT: port }

const waitForApi = async () => {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${origin}/health`)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error("the API did not answer /health within a minute")
}

const log = (line) => console.error(`[start] ${line}`)
const services = [
  supervise({
    name: "api",
    command: process.execPath,
    args: [...apiFlags, join(root, "apps/api/dist/main.js")],
    cwd: root,
    env,
    log,
  }),
]
await waitForApi()
services.push(
  supervise({
    name: "worker",
    command: process.execPath,
    args: [...nodeFlags("worker"), join(root, "apps/worker/dist/main.js")],
    cwd: root,
    env,
    log,
  }),
)
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => Promise.all(services.map((s) => s.stop(signal))).then(() => process.exit(0)))
