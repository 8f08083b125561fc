/**
 * Funder reports: `/v1/projects/{id}/reports` (queue a generation: 202, the worker produces it;
 * list), `/v1/projects/{id}/report-schedules`, `/v1/reports/{id}` and its files. Handlers decode,
 * authorise and call the `Reports` service; a file streams from the storage, checked against
 * its SHA-256 as it goes.
 * @module
 */
import { Reports } from "@coordina/app"
import { ReportFormat, ReportRequest, ReportSchedules, ReportView, SubmitReport } from "@coordina/domain"
import { fileName } from "@coordina/reports"
import { Cause, Effect, Exit, Option, Schema, Stream } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { errorProblem } from "../http/Errors.js"
import { requires } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const FileParam = Schema.Struct({ id: Schema.String, format: ReportFormat })
const tags = ["reports"]

const ReportGroups = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      kind: Schema.String,
      periodStart: Schema.String,
      periodEnd: Schema.String,
      language: Schema.String,
      versions: Schema.Array(ReportView),
    }),
  ),
}).annotations({ identifier: "ReportList" })

const SchedulesView = Schema.Struct({
  schedules: Schema.Array(
    Schema.Struct({
      kind: Schema.String,
      cron: Schema.String,
      timeZone: Schema.String,
      period: Schema.String,
    }),
  ),
}).annotations({ identifier: "ReportSchedulesView" })

/** The reports of one project, mounted at `/v1/projects`. */
export const projectReportRoutes = new Hono<AppEnv>()
  .post(
    "/:id/reports",
    describeRoute({
      tags,
      summary: "Queue a report",
      description:
        "Queues a generation and answers 202 at once; the worker computes the content, writes every format and marks it ready (poll `GET /v1/reports/{id}` for progress). `final` takes the whole project period. A new version is made only when the content changed; otherwise the report points at the unchanged version (`sameAs`).",
      responses: { 202: jsonResponse(ReportView, "The queued report"), ...problems(400, 404, 422) },
    }),
    requires("reports", "write"),
    params(IdParam),
    body(ReportRequest),
    (c) =>
      respond(
        c,
        Reports.pipe(
          Effect.flatMap((s) => s.request(c.var.principal, c.req.valid("param").id, c.req.valid("json"))),
        ),
        ReportView,
        202,
      ),
  )
  .get(
    "/:id/reports",
    describeRoute({
      tags,
      summary: "A project's reports with their versions",
      responses: { 200: jsonResponse(ReportGroups, "Newest first"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Reports.pipe(
          Effect.flatMap((s) => s.list(c.var.principal, c.req.valid("param").id)),
          Effect.map((items) => ({ items })),
        ),
        ReportGroups,
      ),
  )
  .get(
    "/:id/report-schedules",
    describeRoute({
      tags,
      summary: "A project's report schedules",
      responses: { 200: jsonResponse(SchedulesView, "The schedules"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Reports.pipe(Effect.flatMap((s) => s.schedules(c.var.principal, c.req.valid("param").id))),
        SchedulesView,
      ),
  )
  .put(
    "/:id/report-schedules",
    describeRoute({
      tags,
      summary: "Replace a project's report schedules",
      description:
        "Each schedule: a cron expression (minute hour day month weekday) read in `timeZone` (Europe/Sofia by default), and the period each firing reports on. A bad expression or zone: 422 naming it.",
      responses: { 200: jsonResponse(SchedulesView, "The schedules"), ...problems(400, 404, 422) },
    }),
    requires("reports", "write"),
    params(IdParam),
    body(ReportSchedules),
    (c) =>
      respond(
        c,
        Reports.pipe(
          Effect.flatMap((s) =>
            s.replaceSchedules(c.var.principal, c.req.valid("param").id, c.req.valid("json")),
          ),
        ),
        SchedulesView,
      ),
  )

/** Single reports, mounted at `/v1/reports`. */
export const reportRoutes = new Hono<AppEnv>()
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "One report version: status, progress, and once ready its formats, hash and changes",
      responses: { 200: jsonResponse(ReportView, "The report"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Reports.pipe(Effect.flatMap((s) => s.get(c.var.principal, c.req.valid("param").id))),
        ReportView,
      ),
  )
  .post(
    "/:id/submit",
    describeRoute({
      tags,
      summary: "Submit a ready report version and lock its period",
      description:
        "Records who submitted it, when and the `note`, and locks the project's records dated in the report's period: a change to one answers 409 `PeriodLocked` until an admin unlocks the period (`POST /v1/projects/{id}/locks/{lockId}/unlock`). A submitted version's files never change. Not ready yet, or submitted already: 409.",
      responses: {
        200: jsonResponse(ReportView, "The submitted version, with `lockId`"),
        ...problems(400, 404, 409),
      },
    }),
    requires("reports", "write"),
    params(IdParam),
    body(SubmitReport),
    (c) =>
      respond(
        c,
        Reports.pipe(
          Effect.flatMap((s) => s.submit(c.var.principal, c.req.valid("param").id, c.req.valid("json").note)),
        ),
        ReportView,
      ),
  )
  .get(
    "/:id/:format",
    describeRoute({
      tags,
      summary: "A report's file (json, xlsx, pdf, csv)",
      description:
        "Streams the stored file; its SHA-256, recorded when the report was generated, is in `Repr-Digest`. The stored bytes are checked against it before the first byte is sent: a file altered in storage answers 409 `ReportFileAltered` (and is logged) instead of arriving. 409 `ReportNotReady` until the report is ready.",
      responses: {
        200: { description: "The file" },
        ...problems(400, 404, 409),
      },
    }),
    requires("reports", "read"),
    params(FileParam),
    async (c) => {
      const { id, format } = c.req.valid("param")
      const exit = await c.var.runtime.runPromiseExit(
        Reports.pipe(Effect.flatMap((s) => s.download(c.var.principal, id, format))),
      )
      if (Exit.isFailure(exit)) {
        const failure = Cause.failureOption(exit.cause)
        if (Option.isSome(failure)) return sendProblem(c, errorProblem(failure.value))
        console.error(Cause.pretty(exit.cause))
        return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
      }
      const { report, file, stream } = exit.value
      const document = {
        identity: { code: report.projectId },
        kind: report.kind,
        periodStart: report.periodStart,
        periodEnd: report.periodEnd,
        version: report.version,
      }
      const runtime = await c.var.runtime.runtime()
      const body = Stream.toReadableStreamRuntime(stream, runtime)
      return new Response(body, {
        headers: {
          "Content-Type": file.mediaType,
          "Content-Length": String(file.size),
          "Content-Disposition": `attachment; filename="${fileName(document as never, format)}"`,
          "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
          ETag: `"${file.sha256}"`,
          "Cache-Control": "private, max-age=0",
        },
      })
    },
  )
