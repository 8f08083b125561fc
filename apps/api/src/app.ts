/**
 * The HTTP application: cross-cutting middleware, one sub-app per resource, the OpenAPI
 * document, the docs and the SPA.
 * @module
 */
import { existsSync } from "node:fs"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { secureHeaders } from "hono/secure-headers"
import { openAPIRouteHandler } from "hono-openapi"
import { defaultEvidenceLimitBytes } from "@coordina/domain"
import type { ApiConfig } from "./Config.js"
import type { AppEnv, AppRuntime } from "./http/AppEnv.js"
import { authenticate, hashToken } from "./http/Auth.js"
import { heavyRequests, makeHeavyQueue } from "./http/HeavyQueue.js"
import { idempotency } from "./http/Idempotency.js"
import { takeTurns, turnLimits } from "./http/Turns.js"
import { upload } from "./http/Upload.js"
import { noSourceMaps, spaIndex, webFiles } from "./http/WebApp.js"
import { makeUploadWatch } from "./sheets/SheetFile.js"
import { bodiless, inputGate } from "./http/InputGate.js"
import { httpProblem, sendProblem } from "./http/Problem.js"
import { webhooksDocument } from "./http/Docs.js"
import { activityRoutes, projectActivityRoutes } from "./routes/activities.js"
import { practiceRoutes, recommendationRoutes } from "./routes/practices.js"
import { manualRoutes } from "./routes/manuals.js"
import { apiKeyRoutes } from "./routes/apiKeys.js"
import { outboxRoutes, webhookDeliveryRoutes, webhookEndpointRoutes } from "./routes/webhooks.js"
import { projectReportRoutes, reportRoutes } from "./routes/reports.js"
import { projectLockRoutes } from "./routes/locks.js"
import { evidenceRoutes } from "./routes/evidence.js"
import { certificatePdfPath, certificateRoutes, eventCertificateRoutes } from "./routes/certificates.js"
import { auditRoutes } from "./routes/audit.js"
import { docsRoutes } from "./routes/docs.js"
import { healthRoutes } from "./routes/health.js"
import { beneficiaryPrivacyRoutes } from "./routes/privacy.js"
import { projectRoutes } from "./routes/projects.js"
import { disseminationRoutes } from "./routes/dissemination.js"
import { eventRoutes } from "./routes/events.js"
import { eventRegistrationRoutes, publicRoutes } from "./routes/registrations.js"
import { publicEvaluationRoutes } from "./routes/evaluations.js"
import { institutionRoutes } from "./routes/institutions.js"
import { peopleRoutes } from "./routes/people.js"
import { retentionRoutes } from "./routes/retention.js"
import { sessionRoutes } from "./routes/sessions.js"
import { userRoutes } from "./routes/users.js"
import { notificationRoutes } from "./routes/notifications.js"
import { agreementRoutes } from "./routes/agreements.js"
import { beneficiaryRoutes } from "./routes/beneficiaries.js"
import { calendarRoutes } from "./routes/calendar.js"
import { municipalOfferRoutes } from "./routes/municipalOffers.js"
import { procedureRoutes } from "./routes/procedures.js"
import { reviewRoutes } from "./routes/review.js"
import { taskRoutes } from "./routes/tasks.js"
import { todayRoutes } from "./routes/today.js"
import { searchRoutes } from "./routes/search.js"
import { signInSheetTemplateRoutes } from "./routes/signInSheetTemplate.js"

/** The resources of API v1, each a sub-app mounted under `/v1`. */
const v1 = new Hono<AppEnv>()
  .route("/projects", projectRoutes)
  .route("/institutions", institutionRoutes)
  .route("/events", eventRoutes)
  .route("/events", eventRegistrationRoutes)
  .route("/sign-in-sheets", signInSheetTemplateRoutes)
  .route("/dissemination-activities", disseminationRoutes)
  .route("/users/me/notifications", notificationRoutes)
  .route("/users", userRoutes)
  .route("/api-keys", apiKeyRoutes)
  .route("/webhook-endpoints", webhookEndpointRoutes)
  .route("/webhook-deliveries", webhookDeliveryRoutes)
  .route("/outbox", outboxRoutes)
  .route("/audit", auditRoutes)
  .route("/retention", retentionRoutes)
  .route("/procedures", procedureRoutes)
  .route("/beneficiaries", beneficiaryRoutes)
  .route("/municipal-offers", municipalOfferRoutes)
  .route("/agreements", agreementRoutes)
  .route("/tasks", taskRoutes)
  .route("/review", reviewRoutes)
  .route("/projects", projectActivityRoutes)
  .route("/activities", activityRoutes)
  .route("/projects", projectReportRoutes)
  .route("/reports", reportRoutes)
  .route("/projects", projectLockRoutes)
  .route("/calendar", calendarRoutes)
  .route("/today", todayRoutes)
  .route("/search", searchRoutes)
  .route("/public/evaluations", publicEvaluationRoutes)
  .route("/events", eventCertificateRoutes)
  .route("/practices", practiceRoutes)
  .route("/recommendations", recommendationRoutes)
  .route("/manuals", manualRoutes)

const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React Aria injects one fixed <style> rule (touch-action for pressable elements); it is
  // allowed by its hash rather than by 'unsafe-inline'.
  styleSrc: ["'self'", "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
}

/** Whether a request uploads a sign-in sheet (`POST /v1/events/{id}/sign-in-sheet`). */
const isSheetUpload = (path: string) => /^\/v1\/events\/[^/]+\/sign-in-sheet\/?$/.test(path)

/** Whether a request uploads an evidence file (`POST /v1/events|activities/{id}/evidence`). */
const isEvidenceUpload = (path: string) => /^\/v1\/(events|activities)\/[^/]+\/evidence\/?$/.test(path)

/** Turns a Hono route path into a regular expression, to tell 404 from 405. */
const pathPattern = (path: string) =>
  new RegExp(`^${path.replace(/\/:[^/{]+(\{[^}]+\})?/g, "/[^/]+").replace(/\/\*$/, "(/.*)?")}/?$`)

/** The Coordina API, running its handlers in `runtime`. */
export const makeApp = (
  runtime: AppRuntime,
  config: Pick<ApiConfig, "adminToken" | "bodyLimitBytes" | "webDist"> &
    Partial<
      Pick<
        ApiConfig,
        | "sheetLimitBytes"
        | "evidenceLimitBytes"
        | "pseudonymSalt"
        | "trustProxy"
        | "heavyConcurrency"
        | "heavyQueue"
      >
    >,
) => {
  const adminTokenHash = config.adminToken ? hashToken(config.adminToken) : undefined
  const app = new Hono<AppEnv>()

  app.onError((error, c) => {
    if (error instanceof HTTPException)
      return sendProblem(c, httpProblem(error.status, error.message || undefined))
    console.error(error)
    return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
  })

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy,
      crossOriginEmbedderPolicy: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
    }),
  )
  app.use("*", async (c, next) => {
    c.set("runtime", runtime)
    await next()
  })
  const limitOf = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => sendProblem(c, httpProblem(413, `The body is larger than ${maxSize} bytes.`)),
    })
  const bodyLimitOf = limitOf(config.bodyLimitBytes)
  // A sign-in sheet is a file, often larger than any JSON body: it has a limit of its own, and
  // is read (by `upload`, below) only once the caller is known and the heavy queue admits it.
  const sheetBytes = config.sheetLimitBytes ?? config.bodyLimitBytes
  const sheetLimit = limitOf(sheetBytes)
  app.use("/v1/*", (c, next) => {
    if (bodiless(c)) return next()
    // An evidence file streams through its own limits (Multipart.ts), never whole into memory.
    if (isEvidenceUpload(c.req.path) && c.req.method === "POST") return next()
    if (!isSheetUpload(c.req.path)) return bodyLimitOf(c, next)
    // The input gate reads a body declared as JSON in full, so such a body is limited here.
    return /[/+]json\b/i.test(c.req.header("Content-Type") ?? "") ? sheetLimit(c, next) : next()
  })
  // Strings with U+0000 or lone surrogates stop here, before any of them reaches a database.
  app.use(
    "/v1/*",
    inputGate(() => app.routes),
  )
  app.use("/v1/*", authenticate({ adminTokenHash, trustProxy: config.trustProxy ?? false }))
  // Past authentication, so that only callers with a right to them can fill the heavy queue.
  app.use(
    "/v1/*",
    heavyRequests(
      makeHeavyQueue({ concurrency: config.heavyConcurrency ?? 2, queue: config.heavyQueue ?? 8 }),
    ),
  )
  // Ordinary requests take turns, first come first served, so none waits behind newer ones.
  app.use("/v1/*", takeTurns(makeHeavyQueue(turnLimits)))
  // A CSV with too many rows is refused while it arrives.
  const sheetUpload = upload(sheetBytes, () => makeUploadWatch())
  app.use("/v1/*", (c, next) =>
    isSheetUpload(c.req.path) && c.req.method === "POST" ? sheetUpload(c, next) : next(),
  )
  // Answers about people and their rights must not sit in shared caches or the browser's.
  app.use("/v1/*", async (c, next) => {
    await next()
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store")
  })
  app.use("/v1/*", idempotency())

  app.route("/health", healthRoutes)
  app.route("/v1", v1)
  // Routes that need configuration: the session cookie's proxy trust, the erasure salt.
  app.route("/v1/sessions", sessionRoutes({ trustProxy: config.trustProxy ?? false }))
  app.route("/v1/public", publicRoutes({ trustProxy: config.trustProxy ?? false }))
  app.route("/v1/people", peopleRoutes(config.pseudonymSalt))
  app.route("/v1/beneficiaries", beneficiaryPrivacyRoutes(config.pseudonymSalt))
  const evidence = evidenceRoutes(config.evidenceLimitBytes ?? defaultEvidenceLimitBytes)
  app.route("/v1/events", evidence.events)
  app.route("/v1/activities", evidence.activities)
  app.route("/v1/evidence", evidence.files)
  const webhooks = webhooksDocument()
  app.route("/v1/certificates", certificateRoutes({ trustProxy: config.trustProxy ?? false }))
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
        components: {
          securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
          schemas: webhooks.schemas,
        },
        security: [{ bearer: [] }],
        webhooks: webhooks.webhooks,
        paths: certificatePdfPath,
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
      const page = await spaIndex(c, config.webDist)
      if (page) return page
    }
    return sendProblem(c, httpProblem(404, `Nothing is at ${path}.`))
  })

  if (existsSync(config.webDist)) {
    app.use("/*", noSourceMaps, webFiles(config.webDist))
  }
  return app
}
