/**
 * `/v1/manuals`: the manual of a project, its chapters in order and its published versions.
 * Guarded by the `reports` family, as the library is; a manual of a project the caller does
 * not work on is not found. A published version is exported as PDF or DOCX from its snapshot,
 * and its distribution is recorded as a dissemination activity (so it also needs the right to
 * write dissemination).
 * @module
 */
import { type ManualFileFormat, Manuals } from "@coordina/app"
import {
  Manual,
  ManualChapters,
  ManualDistribution,
  ManualDistributionInput,
  ManualVersion,
  ManualVersionSummary,
  NewManual,
  ReportLanguage,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond, respondFile } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const VersionParam = Schema.Struct({
  id: Schema.String,
  n: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThan(0)),
})
const tags = ["practices"]
const LanguageQuery = Schema.Struct({
  language: Schema.optional(ReportLanguage).annotations({ description: "bg (default) or en" }),
})

const fileMediaTypes: Record<ManualFileFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

/** Sends a version's file as an attachment, or the problem the use case failed with. */
const sendVersionFile = async (c: Context<AppEnv>, format: ManualFileFormat) => {
  const { id, n } = Schema.decodeUnknownSync(VersionParam)(c.req.param())
  const language = Schema.decodeUnknownSync(LanguageQuery)(c.req.query()).language ?? "bg"
  return respondFile(
    c,
    Effect.flatMap(Manuals, (s) => s.exportVersion(c.var.principal, id, n, format, language)),
  )
}

const fileRoute = (format: ManualFileFormat) =>
  describeRoute({
    tags,
    summary: `A published version as ${format.toUpperCase()}`,
    description:
      "Made from the version's snapshot only: A4, a title page, a table of contents, the chapters with their introduction, recommendations and practices, each practice with its sources. `language` is bg (default) or en; a text written only in the other language is printed marked as such.",
    responses: {
      200: {
        description: `The manual (${format.toUpperCase()})`,
        content: { [fileMediaTypes[format]]: { schema: { type: "string" as const, format: "binary" } } },
      },
      ...problems(400, 404),
    },
  })

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
  .get(
    "/:id/versions/:n/pdf",
    fileRoute("pdf"),
    requires("reports", "read"),
    params(VersionParam),
    query(LanguageQuery),
    (c) => sendVersionFile(c, "pdf"),
  )
  .get(
    "/:id/versions/:n/docx",
    fileRoute("docx"),
    requires("reports", "read"),
    params(VersionParam),
    query(LanguageQuery),
    (c) => sendVersionFile(c, "docx"),
  )
  .post(
    "/:id/versions/:n/distributions",
    describeRoute({
      tags,
      summary: "Record a distribution of a published version",
      description:
        "Records a dissemination activity of kind `manual_distribution` of the manual's project: `namedPersonIds` (each must exist) and `additionalCount` people, `counted` or `estimated`, reached indirectly by the reach rules; `channel` says how (printed copies, e-mail, a public link). Needs the right to write dissemination as well.",
      responses: {
        201: jsonResponse(ManualDistribution, "The distribution and its dissemination activity"),
        ...problems(400, 404, 422),
      },
    }),
    requires("reports", "write"),
    requires("dissemination", "write"),
    params(VersionParam),
    body(ManualDistributionInput),
    (c) =>
      respond(
        c,
        Effect.flatMap(Manuals, (s) =>
          s.distribute(c.var.principal, c.req.valid("param").id, c.req.valid("param").n, c.req.valid("json")),
        ),
        ManualDistribution,
        201,
      ),
  )
