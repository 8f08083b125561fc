/**
 * `/v1/projects/{id}/reach…`: a project's reach as of a date, the persons behind every figure,
 * reach over time for the dashboard, attendance per event and period figures for reports.
 * Every figure is computed by the domain's rules from the stored records.
 * @module
 */
import {
  DrillIndicator,
  IsoDate,
  minDate,
  maxSeriesPoints,
  PeriodReach,
  peopleBehind,
  projectEndDate,
  ReachReport,
  ReachSeries,
  SeriesStep,
  seriesDates,
} from "@coordina/domain"
import { PeopleRepository, ReachRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { params, query } from "../http/Validate.js"
import { maySeeNames, todayInSofia, visibleProject } from "./reachHttp.js"

const IdParam = Schema.Struct({ id: Schema.String })
const AsOf = Schema.optional(
  IsoDate.annotations({ description: "The date reach is counted on; today by default" }),
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
})

/** One person behind a figure. */
const ReachPerson = Schema.Struct({
  personId: Schema.String,
  displayName: Schema.optional(
    Schema.String.annotations({ description: "Only for roles allowed to see names (admin, coordinator)" }),
  ),
  institutionId: Schema.optional(Schema.String),
  firstDate: IsoDate.annotations({ description: "First qualifying attended day, or date first named" }),
  via: Schema.String.annotations({
    description: "The event (direct) or dissemination activity (indirect) of that date",
  }),
}).annotations({ identifier: "ReachPerson" })
const ReachPeoplePage = Schema.Struct({
  projectId: Schema.String,
  asOf: IsoDate,
  indicator: DrillIndicator,
  bucket: Schema.optional(Schema.String),
  total: Schema.Int,
  items: Schema.Array(ReachPerson),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "ReachPeoplePage" })

const SeriesQuery = Schema.Struct({
  from: Schema.optional(IsoDate.annotations({ description: "Default: the project's start" })),
  to: Schema.optional(
    IsoDate.annotations({ description: "Default: today or the project's end, whichever is earlier" }),
  ),
  step: Schema.optional(SeriesStep.annotations({ description: "month (default) or week" })),
})
const PeriodQuery = Schema.Struct({ from: IsoDate, to: IsoDate })

const EventAttendanceSchema = Schema.Struct({
  eventId: Schema.String,
  eventKind: Schema.String,
  attendances: Schema.Int,
  personDays: Schema.Int,
  uniquePersons: Schema.Int,
  firstReachedHere: Schema.Int,
}).annotations({ identifier: "EventAttendance" })
const EventAttendanceList = Schema.Struct({
  projectId: Schema.String,
  asOf: IsoDate,
  items: Schema.Array(EventAttendanceSchema),
}).annotations({ identifier: "EventAttendanceList" })

const tags = ["reach"]

/** The reach sub-app, mounted at `/v1/projects` beside the project routes. */
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
        Effect.gen(function* () {
          const project = yield* visibleProject(c.var.principal, c.req.valid("param").id)
          const asOf = c.req.valid("query").asOf ?? todayInSofia()
          return yield* (yield* ReachRepository).report(project, asOf)
        }),
        ReachReport,
      ),
  )
  .get(
    "/:id/reach/people",
    describeRoute({
      tags,
      summary: "The persons behind a reach figure",
      description:
        "Pseudonymous person ids, sorted, a page at a time; display names only for roles allowed to see them. People reached but not named (unnamed counts) have no record and are not listed.",
      responses: { 200: jsonResponse(ReachPeoplePage, "A page of persons"), ...problems(400, 404) },
    }),
    requires("reach", "read"),
    params(IdParam),
    query(DrillQuery),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const q = c.req.valid("query")
          const project = yield* visibleProject(c.var.principal, c.req.valid("param").id)
          const asOf = q.asOf ?? todayInSofia()
          const result = yield* (yield* ReachRepository).reach(project, asOf)
          const all = peopleBehind(result, q.indicator, q.bucket)
          const limit = Math.min(Math.max(q.limit ?? 50, 1), 500)
          const rest = q.cursor ? all.filter((a) => a.personId > q.cursor!) : all
          const page = rest.slice(0, limit)
          const names = maySeeNames(c.var.principal)
            ? new Map(
                (yield* (yield* PeopleRepository).getMany(page.map((a) => a.personId))).map((p) => [
                  p.id as string,
                  `${p.givenName} ${p.familyName}`,
                ]),
              )
            : undefined
          return {
            projectId: project.id,
            asOf,
            indicator: q.indicator,
            ...(q.bucket === undefined ? {} : { bucket: q.bucket }),
            total: all.length,
            items: page.map((a) => {
              const displayName = names?.get(a.personId)
              return {
                personId: a.personId,
                ...(displayName === undefined ? {} : { displayName }),
                ...(a.institution ? { institutionId: a.institution.id } : {}),
                firstDate: a.day,
                via: a.eventId,
              }
            }),
            nextCursor: rest.length > limit ? (page.at(-1)?.personId ?? null) : null,
          }
        }),
        ReachPeoplePage,
      ),
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
        Effect.gen(function* () {
          const q = c.req.valid("query")
          const project = yield* visibleProject(c.var.principal, c.req.valid("param").id)
          const from = q.from ?? project.startDate
          const to = q.to ?? minDate(todayInSofia(), projectEndDate(project))
          const timeline = yield* (yield* ReachRepository).timeline(project)
          return { projectId: project.id, points: timeline.series(seriesDates(from, to, q.step ?? "month")) }
        }),
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
        Effect.gen(function* () {
          const project = yield* visibleProject(c.var.principal, c.req.valid("param").id)
          const asOf = c.req.valid("query").asOf ?? todayInSofia()
          const items = yield* (yield* ReachRepository).eventAttendance(project, asOf)
          return { projectId: project.id, asOf, items }
        }),
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
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const { from, to } = c.req.valid("query")
          const project = yield* visibleProject(c.var.principal, c.req.valid("param").id)
          return (yield* (yield* ReachRepository).timeline(project)).period(from, to)
        }),
        PeriodReach,
      ),
  )
