/**
 * The built SPA as the API serves it: files precompressed at build time (brotli, gzip) chosen
 * by `Accept-Encoding`, hashed assets cached for a year as immutable, everything else
 * revalidated, and source maps never public.
 * @module
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { serveStatic } from "@hono/node-server/serve-static"
import type { Context, MiddlewareHandler } from "hono"
import { httpProblem, sendProblem } from "./Problem.js"

/** A file whose name carries its content hash (Vite's `name-[hash].ext`): it never changes. */
const hashed = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/

/** The `Cache-Control` of a path of the built app. */
export const cacheControlOf = (path: string): string =>
  hashed.test(path) ? "public, max-age=31536000, immutable" : "no-cache"

/** Answers 404 for a source map, so the SPA's sources are not published with it. */
export const noSourceMaps: MiddlewareHandler = async (c, next) => {
  if (c.req.path.endsWith(".map")) return sendProblem(c, httpProblem(404, `Nothing is at ${c.req.path}.`))
  return next()
}

/** Serves the files of `webDist`, precompressed where a `.br` or `.gz` sits beside them. */
export const webFiles = (webDist: string): MiddlewareHandler => {
  const files = serveStatic({ root: webDist, precompressed: true, rewriteRequestPath: (p) => p })
  return async (c, next) => {
    const found = await files(c, next)
    // Headers set in serveStatic's `onFound` come after its response is made, so they are set here.
    if (found instanceof Response) found.headers.set("Cache-Control", cacheControlOf(c.req.path))
    return found
  }
}

/**
 * The SPA's page for a client-side route, or `undefined` when there is no built app. It is
 * revalidated on every load, so a new build's asset names are picked up at once.
 */
export const spaIndex = async (c: Context, webDist: string): Promise<Response | undefined> => {
  const index = join(webDist, "index.html")
  if (!existsSync(index)) return undefined
  c.header("Cache-Control", "no-cache")
  return c.html(await readFile(index, "utf8"))
}
