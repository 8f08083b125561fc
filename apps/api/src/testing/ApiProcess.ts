/**
 * The real API process, for benchmarks and crash tests: bundled as `pnpm build` + `node
 * dist/main.js` would run it, started as a child process with the Node flags `pnpm start`
 * gives it, on a database of the caller's choice.
 * @module
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { join, resolve } from "node:path"

const apiDir = resolve(import.meta.dirname, "../..")

/** A free TCP port on the loopback interface. */
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

/**
 * Bundles the API into one ES module under `node_modules/.cache/<name>` and returns its path.
 * Workspace packages are bundled from source; every other package stays external, imported by
 * its resolved path so Node finds it wherever pnpm keeps it.
 */
export const bundleApi = (name: string): string => {
  const outDir = join(apiDir, "node_modules/.cache", name)
  const config = join(outDir, "..", `${name}.vite.config.mjs`)
  mkdirSync(outDir, { recursive: true })
  // The config imports only Node's own modules, so Vite can load it from anywhere.
  writeFileSync(
    config,
    `import { pathToFileURL } from "node:url"
import { dirname } from "node:path"

export default {
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
    // A workspace module keeps its own import.meta: what it resolves or reads next to itself
    // (pdfkit and fonts in @coordina/reports, swagger-ui-dist) is found from its package, as
    // under node dist/main.js, not from the bundle's place (where only NODE_PATH from pnpm's
    // old shell shims used to find it).
    transform(code, id) {
      if (id.includes("/node_modules/") || !id.startsWith("/") || !code.includes("import.meta.")) return null
      return code
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(id).href))
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(id)))
        .replaceAll("import.meta.filename", JSON.stringify(id))
    },
  }],
  build: {
    minify: false, sourcemap: false, target: "node20", emptyOutDir: true,
    rollupOptions: { output: { format: "es", entryFileNames: "main.mjs" } },
  },
}
`,
  )
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
  /** Peak resident memory so far, in MB. */
  readonly peakMb: () => number
  /** Stops it with SIGTERM and waits until it has exited. */
  readonly stop: () => Promise<void>
  /** Kills it with SIGKILL, as a power cut or the OOM killer would, and waits until it is gone. */
  readonly kill: () => Promise<void>
}

/** The Node flags the API runs with under `pnpm start` (apps/api/package.json `coordina.nodeFlags`). */
export const apiNodeFlags = (): ReadonlyArray<string> =>
  (
    JSON.parse(readFileSync(join(apiDir, "package.json"), "utf8")) as {
      coordina: { nodeFlags: Array<string> }
    }
  ).coordina.nodeFlags

/** Starts the bundled API on `databaseUrl` and waits until `/health` answers. */
export const startApiProcess = async (
  bundle: string,
  options: {
    readonly databaseUrl: string
    readonly adminToken: string
    /** More environment for the process (limits, queue sizes, …). */
    readonly env?: Record<string, string>
    /** Called when the process exits without `stop` or `kill`. */
    readonly onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void
  },
): Promise<ApiProcess> => {
  const port = await freePort()
  // The same Node flags `pnpm start` gives the API (apps/api/package.json "coordina.nodeFlags").
  const child = spawn(process.execPath, [...apiNodeFlags(), bundle], {
    cwd: apiDir,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      COORDINA_DEMO: "off",
      COORDINA_ADMIN_TOKEN: options.adminToken,
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  })
  let ending = false
  child.once("exit", (code, signal) => {
    if (!ending) options.onUnexpectedExit?.(code, signal)
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited on start (code ${child.exitCode})`)
    try {
      if ((await fetch(`${base}/health`)).status < 600) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  const peakMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8")
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((res) => {
      ending = true
      if (child.exitCode !== null || child.signalCode !== null) return res()
      child.once("exit", () => res())
      child.kill(signal)
    })
  return { base, child, peakMb, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") }
}
