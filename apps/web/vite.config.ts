import { tanstackRouter } from "@tanstack/router-plugin/vite"
import react from "@vitejs/plugin-react"
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { brotliCompressSync, constants, gzipSync } from "node:zlib"
import { defaultClientConditions, defineConfig, type Plugin } from "vite"

const compressible = /\.(js|css|html|svg|json|txt)$/

/** Every file of the build beside its gzip and brotli forms, once: the API sends them as they are. */
const precompress = (): Plugin => {
  let outDir = "dist"
  const filesOf = (dir: string): Array<string> =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesOf(path) : [path]
    })
  return {
    name: "coordina-precompress",
    apply: "build",
    configResolved: (config) => {
      outDir = config.build.outDir
    },
    closeBundle: () => {
      for (const file of filesOf(outDir).filter((f) => compressible.test(f))) {
        const bytes = readFileSync(file)
        // Small files are sent as they are; compressing them saves nothing worth a second file.
        if (bytes.length < 1024) continue
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }))
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        )
      }
    },
  }
}

// The API serves the built SPA; in development Vite proxies API calls to it.
export default defineConfig({
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react(), precompress()],
  resolve: {
    conditions: ["@coordina/source", ...defaultClientConditions],
    // `@/ui/…` instead of climbing `../../../../` from deep routes.
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      "/v1": "http://localhost:3000",
      "/health": "http://localhost:3000",
      "/openapi.json": "http://localhost:3000",
    },
  },
  // Source maps are written for debugging (`hidden`: the bundles do not point at them) and the
  // API never serves them; `manifest` lets tooling/scripts/web-size.mjs measure each route.
  build: { outDir: "dist", sourcemap: "hidden", manifest: true, chunkSizeWarningLimit: 1500 },
})
