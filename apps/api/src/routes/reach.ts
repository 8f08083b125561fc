/**
 * `/v1/projects/{id}/reach…`: a project's reach as of a date, the persons behind every figure,
 * reach over time for the dashboard, attendance per event and period figures for reports.
 * Every figure is computed by the domain's rules from the stored records.
 * @module
 */
import { Reach, type ReachPersonRow } from "@coordina/app"
import {
  DrillIndicator,
  EventAttendanceList,
  PlausibleDate,
  maxSeriesPoints,
  PeriodReach,
  ReachPeoplePage,
  ReachReport,
  ReachSeries,
  SeriesStep,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import {
  type ExportLayout,
  ExportQueryFields,
  exportableResponse,
  exportFormatOf,
  respondExport,
} from "../http/Export.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const AsOf = Schema.optional(
  PlausibleDate.annotations({ description: "The date reach is counted on; today by default" }),
)
const ReachQuery = Schema.Struct({ asOf: AsOf })

const DrillQuery = Schema.Struct({
  asOf: AsOf,
  indicator: DrillIndicator.annotations({
    description:
      "direct, indirect (named persons only) or total, or a breakdown of direct reach (byInstitutionKind, byLevel, byPlanningRegion, byGender, byEventKind) with a bucket",
  }),
  bucket: Schema.optional(
    Schema.String.annotations({ description: "The breakdown's bucket, e.g. municipality" }),
  ),
  limit: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 500))),
  cursor: Schema.optional(Schema.String.annotations({ description: "nextCursor of the previous page" })),
  ...ExportQueryFields,
})

/** The explorer's columns, as a file. */
const reachPeopleLayout = (projectId: string): ExportLayout<ReachPersonRow> => ({
  filename: `reach-${projectId}`,
  sheetName: "Reach",
  columns: [
    { header: { bg: "Лице", en: "Person" }, value: (r) => r.displayName ?? r.personId, width: 30 },
    { header: { bg: "Идентификатор", en: "Id" }, value: (r) => r.personId, width: 24 },
    { header: { bg: "Институция", en: "Institution" }, value: (r) => r.institution, width: 40 },
    {
      header: { bg: "Първи контакт", en: "First contact" },
      value: (r) => ({ date: r.firstDate }),
      width: 14,
    },
    { header: { bg: "Чрез", en: "Via" }, value: (r) => r.via, width: 40 },
  ],
})

const SeriesQuery = Schema.Struct({
  from: Schema.optional(PlausibleDate.annotations({ description: "Default: the project's start" })),
  to: Schema.optional(
    PlausibleDate.annotations({ description: "Default: today or the project's end, whichever is earlier" }),
  ),
  step: Schema.optional(SeriesStep.annotations({ description: "month (default) or week" })),
})
const PeriodQuery = Schema.Struct({ from: PlausibleDate, to: PlausibleDate })

const tags = ["reach"]

/** The reach routes, part of the projects sub-app. */
export const reachRoutes = new Hono<AppEnv>()
  .get(
    "/:id/reach",
    describeRoute({
      tags,
      summary: "Reach of a project as of a date",
      description:
        "Direct reach (distinct participants from the target group who attended, each attributed to their first qualifying participation), its breakdowns (zero buckets left out, unknown values under `unknown`), indirect reach (named persons not reached directly plus unnamed counted and estimated), the total, and progress against every target (expected = target × elapsed share of the project period).",
      responses: { 200: jsonResponse(ReachReport, "The reach"), ...problems(400, 404) },
    }),
    requires("reach", "read"),
    params(IdParam),
    query(ReachQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Reach, (s) =>
          s.report(c.var.principal, c.req.valid("param").id, c.req.valid("query").asOf),
        ),
        ReachReport,
      ),
  )
  .get(
    "/:id/reach/people",
    describeRoute({
      tags,
      summary: "The persons behind a reach figure",
      description:
        "Pseudonymous person ids, sorted, a page at a time; display names only for roles allowed to see them. People reached but not named (unnamed counts) have no record and are not listed. With `format=csv|xlsx` (or `Accept: text/csv`) the whole list as a file with the explorer's columns.",
      responses: {
        200: exportableResponse(jsonResponse(ReachPeoplePage, "A page of persons, or all of them as a file")),
        ...problems(400, 404),
      },
    }),
    requires("reach", "read"),
    params(IdParam),
    query(DrillQuery),
    (c) => {
      const id = c.req.valid("param").id
      const { format: _f, lang: _l, ...drill } = c.req.valid("query")
      const format = exportFormatOf(c)
      if (format)
        return respondExport(
          c,
          format,
          Effect.flatMap(Reach, (s) => s.peopleRows(c.var.principal, id, drill)),
          reachPeopleLayout(id),
        )
      return respond(
        c,
        Effect.flatMap(Reach, (s) => s.people(c.var.principal, id, drill)),
        ReachPeoplePage,
      )
    },
  )
  .get(
    "/:id/reach/series",
    describeRoute({
      tags,
      summary: "Reach over time",
      description: `Direct, indirect and total reach at the end of every month (or week) from \`from\` to \`to\`, with what each target expected by then; at most ${maxSeriesPoints} points.`,
      responses: { 200: jsonResponse(ReachSeries, "The series"), ...problems(400, 404) },
    }),
    requires("reach", "read"),
    params(IdParam),
    query(SeriesQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Reach, (s) =>
          s.series(c.var.principal, c.req.valid("param").id, c.req.valid("query")),
        ),
        ReachSeries,
      ),
  )
  .get(
    "/:id/reach/events",
    describeRoute({
      tags,
      summary: "Attendance next to unique persons, per event",
      responses: {
        200: jsonResponse(EventAttendanceList, "Per event, ordered by id"),
        ...problems(400, 404),
      },
    }),
    requires("reach", "read"),
    params(IdParam),
    query(ReachQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Reach, (s) =>
          s.events(c.var.principal, c.req.valid("param").id, c.req.valid("query").asOf),
        ),
        EventAttendanceList,
      ),
  )
  .get(
    "/:id/reach/period",
    describeRoute({
      tags,
      summary: "People new in a reporting period next to everyone reached to its end",
      responses: { 200: jsonResponse(PeriodReach, "The period's figures"), ...problems(400, 404) },
    }),
    requires("reach", "read"),
    params(IdParam),
    query(PeriodQuery),
    (c) => {
      const { from, to } = c.req.valid("query")
      return respond(
        c,
        Effect.flatMap(Reach, (s) => s.period(c.var.principal, c.req.valid("param").id, from, to)),
        PeriodReach,
      )
    },
  )
