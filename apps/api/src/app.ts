/**
 * The HTTP application: cross-cutting middleware, one sub-app per resource, the OpenAPI
 * document, the docs and the SPA.
 * @module
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { serveStatic } from "@hono/node-server/serve-static"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { secureHeaders } from "hono/secure-headers"
import { openAPIRouteHandler } from "hono-openapi"
import type { ApiConfig } from "./Config.js"
import type { AppEnv, AppRuntime } from "./http/AppEnv.js"
import { authenticate, hashToken } from "./http/Auth.js"
import { httpProblem, sendProblem } from "./http/Problem.js"
import { docsRoutes } from "./routes/docs.js"
import { healthRoutes } from "./routes/health.js"
import { projectRoutes } from "./routes/projects.js"

/** The resources of API v1, each a sub-app mounted under `/v1`. */
const v1 = new Hono<AppEnv>().route("/projects", projectRoutes)

const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
}

/** Turns a Hono route path into a regular expression, to tell 404 from 405. */
const pathPattern = (path: string) =>
  new RegExp(`^${path.replace(/\/:[^/{]+(\{[^}]+\})?/g, "/[^/]+").replace(/\/\*$/, "(/.*)?")}/?$`)

/** The Coordina API, running its handlers in `runtime`. */
export const makeApp = (
  runtime: AppRuntime,
  config: Pick<ApiConfig, "adminToken" | "bodyLimitBytes" | "webDist">,
) => {
  const adminTokenHash = config.adminToken ? hashToken(config.adminToken) : undefined
  const app = new Hono<AppEnv>()

  app.onError((error, c) => {
    if (error instanceof HTTPException)
      return sendProblem(c, httpProblem(error.status, error.message || undefined))
    console.error(error)
    return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
  })

  app.use("*", secureHeaders({ contentSecurityPolicy, crossOriginEmbedderPolicy: false }))
  app.use("*", async (c, next) => {
    c.set("runtime", runtime)
    await next()
  })
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: (c) =>
        sendProblem(c, httpProblem(413, `The body is larger than ${config.bodyLimitBytes} bytes.`)),
    }),
  )
  app.use("/v1/*", authenticate(adminTokenHash))

  app.route("/health", healthRoutes)
  app.route("/v1", v1)
  app.get(
    "/openapi.json",
    openAPIRouteHandler(app, {
      documentation: {
        openapi: "3.1.0",
        info: {
          title: "Coordina API",
          version: "1.0.0",
          description:
            "Coordination of the integration of beneficiaries of international protection in Bulgaria, and reach accounting for capacity-building projects.",
        },
        servers: [{ url: "/" }],
        components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
        security: [{ bearer: [] }],
      },
      exclude: ["/openapi.json", /^\/docs/, "/*"],
    }),
  )
  app.route("/docs", docsRoutes)

  const routes = () =>
    app.routes.filter((r) => r.method !== "ALL").map((r) => ({ ...r, pattern: pathPattern(r.path) }))
  const apiPath = (path: string) => path.startsWith("/v1/") || path === "/v1" || path === "/health"

  app.notFound(async (c) => {
    const path = c.req.path
    const allowed = [
      ...new Set(
        routes()
          .filter((r) => r.pattern.test(path))
          .map((r) => r.method),
      ),
    ]
    if (allowed.length > 0) {
      return sendProblem(c, httpProblem(405, `${c.req.method} is not allowed here.`), {
        Allow: allowed.join(", "),
      })
    }
    if (!apiPath(path) && (c.req.method === "GET" || c.req.method === "HEAD")) {
      const index = join(config.webDist, "index.html")
      if (existsSync(index)) return c.html(await readFile(index, "utf8"))
    }
    return sendProblem(c, httpProblem(404, `Nothing is at ${path}.`))
  })

  if (existsSync(config.webDist)) {
    app.use("/*", serveStatic({ root: config.webDist, rewriteRequestPath: (p) => p }))
  }
  return app
}
