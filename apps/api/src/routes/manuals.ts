/**
 * `/v1/manuals`: the manual of a project, its chapters in order and its published versions.
 * Guarded by the `reports` family, as the library is; a manual of a project the caller does
 * not work on is not found. PDF and DOCX exports and distributions are not built yet.
 * @module
 */
import { Manuals } from "@coordina/app"
import { Manual, ManualChapters, ManualVersion, ManualVersionSummary, NewManual } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const VersionParam = Schema.Struct({
  id: Schema.String,
  n: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThan(0)),
})
const tags = ["practices"]

/** The manuals sub-app, mounted at `/v1/manuals`. */
export const manualRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Start a manual for a project",
      responses: { 201: jsonResponse(Manual, "The manual, without chapters"), ...problems(400, 404, 422) },
    }),
    requires("reports", "write"),
    body(NewManual),
    (c) =>
      respond(
        c,
        Effect.flatMap(Manuals, (s) => s.create(c.var.principal, c.req.valid("json"))),
        Manual,
        201,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a manual",
      description: "Its current chapters and its published versions.",
      responses: { 200: jsonResponse(Manual, "The manual"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Manuals, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        Manual,
      ),
  )
  .put(
    "/:id/chapters",
    describeRoute({
      tags,
      summary: "Replace a manual's chapters, in order",
      description:
        "Send `If-Match` with the manual's `version`. Every chapter needs a title in some language; every practice and recommendation must exist (422 `ManualRejected` with the paths).",
      responses: { 200: jsonResponse(Manual, "The manual"), ...problems(400, 404, 409, 422, 428) },
    }),
    requires("reports", "write"),
    ifMatch(),
    params(IdParam),
    body(ManualChapters),
    (c) =>
      respond(
        c,
        Effect.flatMap(Manuals, (s) =>
          s.setChapters(c.var.principal, c.req.valid("param").id, expectedVersion(c), c.req.valid("json")),
        ),
        Manual,
      ),
  )
  .post(
    "/:id/versions",
    describeRoute({
      tags,
      summary: "Publish the current chapters as the next version",
      description: "The version keeps the practices and recommendations as they are now and never changes.",
      responses: { 201: jsonResponse(ManualVersionSummary, "The version"), ...problems(404) },
    }),
    requires("reports", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Manuals, (s) => s.publish(c.var.principal, c.req.valid("param").id)).pipe(
          Effect.map((v) => ({ version: v.version, publishedAt: v.publishedAt })),
        ),
        ManualVersionSummary,
        201,
      ),
  )
  .get(
    "/:id/versions/:n",
    describeRoute({
      tags,
      summary: "Read a published version",
      description: "The chapters with the practices and recommendations as they were when it was published.",
      responses: { 200: jsonResponse(ManualVersion, "The version"), ...problems(400, 404) },
    }),
    requires("reports", "read"),
    params(VersionParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Manuals, (s) =>
          s.getVersion(c.var.principal, c.req.valid("param").id, c.req.valid("param").n),
        ),
        ManualVersion,
      ),
  )
