// `pnpm start`: installs and builds what is missing, then runs the API (which migrates the
// database, loads demo data into a new embedded one and serves the SPA) and, once the API
// answers, the worker. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "../..")
const port = process.env.PORT ?? "3000"

const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(join(root, "node_modules/.modules.yaml"))) step("pnpm", ["install", "--frozen-lockfile"])
step("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"])

// The API's Node flags (a heap cap that keeps its memory in bounds) live in its package.json,
// where the benchmark reads them too.
const apiFlags = JSON.parse(readFileSync(join(root, "apps/api/package.json"), "utf8")).coordina.nodeFlags

const children = []
const run = (name, file, flags = []) => {
  const child = spawn(process.execPath, [...flags, join(root, file)], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: port } })
  child.on("exit", (code) => {
    console.error(`${name} stopped (${code ?? "signal"})`)
    for (const other of children) if (other !== child) other.kill("SIGTERM")
    process.exitCode = code ?? 1
  })
  children.push(child)
  return child
}

const waitForApi = async () => {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error("the API did not answer /health within a minute")
}

run("api", "apps/api/dist/main.js", apiFlags)
await waitForApi()
run("worker", "apps/worker/dist/main.js")
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => children.forEach((c) => c.kill(signal)))
