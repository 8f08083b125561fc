/**
 * The API as production runs it, in a child process: bundled into one ES module and started
 * with the Node flags `pnpm start` gives it (apps/api/package.json `coordina.nodeFlags`), on a
 * free loopback port, so a test or a benchmark can measure its peak memory (VmHWM) and
 * latency over real HTTP.
 * @module
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import { join, resolve } from "node:path"

const apiDir = resolve(import.meta.dirname, "../..")

/** A port nobody listens on at the moment, on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((res, rej) => {
    const s = createServer()
    s.on("error", rej)
    s.listen(0, "127.0.0.1", () => {
      const a = s.address()
      const port = typeof a === "object" && a ? a.port : 0
      s.close(() => res(port))
    })
  })

/** Bundles the API into one ES module, as `pnpm build` + `node dist/main.js` would run it. */
export const buildServer = (name = "coordina-bench-server"): string => {
  const outDir = join(apiDir, `node_modules/.cache/${name}`)
  const config = join(outDir, "..", `${name}.vite.config.mjs`)
  execFileSync("mkdir", ["-p", outDir])
  // The config imports nothing, so Vite can load it from anywhere. Workspace packages are
  // bundled from source; every other package stays external, imported by its resolved path so
  // Node finds it wherever pnpm keeps it (packages/store's drivers are not apps/api's).
  const text = `export default {
  logLevel: "warn",
  resolve: { conditions: ["@coordina/source"] },
  ssr: { resolve: { conditions: ["@coordina/source"], externalConditions: ["@coordina/source"] }, noExternal: true },
  plugins: [{
    name: "external-by-path",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!importer || /^(\\0|\\.|\\/|@coordina\\/|node:)/.test(source)) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (!resolved || resolved.external) return resolved
      return { id: resolved.id, external: "absolute" }
    },
  }],
  build: {
    minify: false, sourcemap: false, target: "node20", emptyOutDir: true,
    rollupOptions: { output: { format: "es", entryFileNames: "main.mjs" } },
  },
}
`
  execFileSync("sh", ["-c", `cat > '${config}'`], { input: text })
  execFileSync("npx", ["vite", "build", "--config", config, "--ssr", "src/main.ts", "--outDir", outDir], {
    cwd: apiDir,
    stdio: ["ignore", "ignore", "inherit"],
  })
  return join(outDir, "main.mjs")
}

/** A running API process. */
export interface ApiProcess {
  readonly base: string
  readonly child: ChildProcess
  /** The process's peak resident memory so far (VmHWM), in MB. */
  readonly peakMb: () => number
  readonly stop: () => Promise<void>
}

/** The Node flags the API runs with under `pnpm start`. */
export const apiNodeFlags = (): ReadonlyArray<string> =>
  (
    JSON.parse(readFileSync(join(apiDir, "package.json"), "utf8")) as {
      coordina: { nodeFlags: Array<string> }
    }
  ).coordina.nodeFlags

/** Starts the bundle on a free port with `env` added to this process's environment; resolves once `/health` answers. */
export const startApiProcess = async (
  bundle: string,
  env: Record<string, string>,
  onUnexpectedExit: (code: number | null, signal: string | null) => void = () => {},
): Promise<ApiProcess> => {
  const port = await freePort()
  const child = spawn(process.execPath, [...apiNodeFlags(), bundle], {
    cwd: apiDir,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), COORDINA_DEMO: "off", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  })
  let stopping = false
  child.once("exit", (code, signal) => {
    if (!stopping) onUnexpectedExit(code, signal)
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${base}/health`)).status < 600) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  const peakMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8")
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  }
  const stop = () =>
    new Promise<void>((res) => {
      stopping = true
      if (child.exitCode !== null) return res()
      child.once("exit", () => res())
      child.kill("SIGTERM")
    })
  return { base, child, peakMb, stop }
}
