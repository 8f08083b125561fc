/**
 * `/docs`: Swagger UI served from the `swagger-ui-dist` package (no CDN, so it works offline
 * and under a strict Content-Security-Policy).
 * @module
 */
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { Hono } from "hono"

const assetsDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
const types: Record<string, string> = { js: "text/javascript", css: "text/css", png: "image/png" }

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Coordina API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`

// A token pasted into "Authorize" lives only as long as the page: persisted, it would sit in
// localStorage for any script of the origin to read.
const init = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", persistAuthorization: false });`

/** Interactive API documentation. */
export const docsRoutes = new Hono()
  .get("/", (c) => c.html(page))
  .get("/init.js", (c) => c.body(init, 200, { "Content-Type": "text/javascript" }))
  .get("/assets/:file{[a-z0-9.-]+\\.(js|css|png)}", async (c) => {
    const file = c.req.param("file")
    const content = await readFile(join(assetsDir, file)).catch(() => undefined)
    if (!content) return c.notFound()
    return c.body(content, 200, {
      "Content-Type": types[file.split(".").pop() ?? ""] ?? "application/octet-stream",
      "Cache-Control": "public, max-age=86400",
    })
  })
