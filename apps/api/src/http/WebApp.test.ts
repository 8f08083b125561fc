import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { brotliCompressSync, gunzipSync, gzipSync } from "node:zlib"
import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { cacheControlOf, noSourceMaps, spaIndex, webFiles } from "./WebApp.js"

const script = `console.log(${JSON.stringify("Координация ".repeat(200))})\n`

const builtApp = () => {
  const dist = mkdtempSync(join(tmpdir(), "coordina-web-"))
  mkdirSync(join(dist, "assets"))
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Coordina</title>")
  const main = join(dist, "assets", "index-Bx3kQ9aZ.js")
  writeFileSync(main, script)
  writeFileSync(`${main}.gz`, gzipSync(script))
  writeFileSync(`${main}.br`, brotliCompressSync(script))
  writeFileSync(`${main}.map`, "{}")
  const app = new Hono()
  app.use("/*", noSourceMaps, webFiles(dist))
  app.notFound(async (c) => (await spaIndex(c, dist)) ?? c.text("none", 404))
  return app
}

describe("the built SPA", () => {
  const app = builtApp()

  it("answers a gzip request for a bundle with the precompressed file and its encoding", async () => {
    const res = await app.request("/assets/index-Bx3kQ9aZ.js", { headers: { "Accept-Encoding": "gzip" } })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-encoding")).toBe("gzip")
    expect(res.headers.get("vary")).toContain("Accept-Encoding")
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.length).toBeLessThan(script.length / 5)
    expect(gunzipSync(bytes).toString()).toBe(script)
  })

  it("prefers brotli when the browser takes it, and sends the plain file otherwise", async () => {
    const br = await app.request("/assets/index-Bx3kQ9aZ.js", { headers: { "Accept-Encoding": "gzip, br" } })
    expect(br.headers.get("content-encoding")).toBe("br")
    const plain = await app.request("/assets/index-Bx3kQ9aZ.js")
    expect(plain.headers.get("content-encoding")).toBeNull()
    expect(await plain.text()).toBe(script)
  })

  it("caches hashed assets as immutable and revalidates the page", async () => {
    const asset = await app.request("/assets/index-Bx3kQ9aZ.js")
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
    const page = await app.request("/projects/prj_1")
    expect(page.status).toBe(200)
    expect(page.headers.get("cache-control")).toBe("no-cache")
    expect(cacheControlOf("/favicon.svg")).toBe("no-cache")
  })

  it("never serves a source map, though one was built", async () => {
    const res = await app.request("/assets/index-Bx3kQ9aZ.js.map")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
  })
})
