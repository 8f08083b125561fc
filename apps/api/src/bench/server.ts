/**
 * The bench's servers: the API bundled as production runs it (one ES module built with Vite's
 * own API, a dev dependency of this package), and a bare Hono server beside it, each started
 * in a child process on a given database so its peak memory can be read.
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "vite"
import { apiNodeFlags, freePort } from "../testing/ApiProcess.js"

/** The API package's directory. */
export const apiDir = resolve(import.meta.dirname, "../..")
/** The admin token the bench's servers accept. */
export const benchToken = "bench-admin-token-of-at-least-32-characters"

export { freePort }

/** The bundled entry points. */
export interface Bundles {
  readonly api: string
  readonly bare: string
}

/**
 * Bundles the API (src/main.ts) and the bare server (src/bench/bareServer.ts). Workspace
 * packages are bundled from source; every other package stays external, imported by its
 * resolved path so Node finds it wherever pnpm keeps it (packages/store's drivers are not
 * apps/api's).
 */
export const buildServers = async (): Promise<Bundles> => {
  const outDir = join(apiDir, "node_modules/.cache/coordina-bench-server")
  mkdirSync(outDir, { recursive: true })
  await build({
    configFile: false,
    root: apiDir,
    logLevel: "warn",
    resolve: { conditions: ["@coordina/source"] },
    ssr: {
      resolve: { conditions: ["@coordina/source"], externalConditions: ["@coordina/source"] },
      noExternal: true,
    },
    plugins: [
      {
        name: "external-by-path",
        enforce: "pre",
        async resolveId(source, importer, options) {
          if (!importer || /^(\0|\.|\/|@coordina\/|node:)/.test(source)) return null
          const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
          if (!resolved || resolved.external) return resolved
          return { id: resolved.id, external: "absolute" }
        },
      },
      {
        // A workspace module that finds files or packages beside itself (the reports' PDF fonts
        // and pdfkit) keeps its own location in the bundle, not the bundle's.
        name: "own-import-meta",
        transform(code, id) {
          if (id.includes("/node_modules/") || !/\.[cm]?tsx?$/.test(id) || !code.includes("import.meta."))
            return null
          return code
            .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(id).href))
            .replaceAll("import.meta.dirname", JSON.stringify(dirname(id)))
        },
      },
    ],
    build: {
      ssr: true,
      outDir,
      minify: false,
      sourcemap: false,
      target: "node20",
      emptyOutDir: true,
      rollupOptions: {
        input: { main: join(apiDir, "src/main.ts"), bare: join(apiDir, "src/bench/bareServer.ts") },
        output: { format: "es", entryFileNames: "[name].mjs" },
      },
    },
  })
  return { api: join(outDir, "main.mjs"), bare: join(outDir, "bare.mjs") }
}

/** A server in a child process. */
export interface Server {
  readonly base: string
  readonly child: ChildProcess
  /** The process's peak resident memory so far (VmHWM), in MB. */
  readonly peakMb: () => number
  readonly stop: () => Promise<void>
}

/** Starts a bundle on a database and waits until `/health` answers. */
export const startServer = async (
  bundle: string,
  databaseUrl: string,
  log: (line: string) => void,
): Promise<Server> => {
  const port = await freePort()
  // The same Node flags `pnpm start` gives the API (apps/api/package.json "coordina.nodeFlags").
  // The API reads its configuration from the environment; the bare server from its arguments.
  const child = spawn(process.execPath, [...apiNodeFlags(), bundle, String(port), databaseUrl], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      COORDINA_DEMO: "off",
      COORDINA_ADMIN_TOKEN: benchToken,
    },
    stdio: ["ignore", "ignore", "inherit"],
  })
  let stopping = false
  child.once("exit", (code, signal) => {
    if (!stopping) log(`!! a server exited during the bench (code ${code}, signal ${signal})`)
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

/** Sends one request as the bench's admin and answers the parsed JSON; throws on an error status. */
export const call = async (
  server: Server,
  method: string,
  path: string,
  body?: string,
  type = "application/json",
): Promise<Record<string, unknown>> => {
  const send = () =>
    fetch(`${server.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${benchToken}`, "Content-Type": type },
      ...(body === undefined ? {} : { body }),
    })
  // A pooled keep-alive connection that the server closed while the bench was busy elsewhere
  // fails before the request reaches it; that one case is sent again on a new connection.
  const res = await send().catch((error: unknown) => {
    const cause = (error as { cause?: { code?: string } }).cause
    if (cause?.code === "UND_ERR_SOCKET" && server.child.exitCode === null) return send()
    throw error
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`)
  return JSON.parse(text) as Record<string, unknown>
}
