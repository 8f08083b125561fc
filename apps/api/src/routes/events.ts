/**
 * `/v1/events`: events of projects, registration and attendance, and (from signInSheets.ts) the
 * sign-in sheet import.
 * @module
 */
import { Events } from "@coordina/app"
import {
  Attendance,
  type Event,
  EventView,
  EventViewPage,
  NewEvent,
  NewParticipation,
  Participation,
  ParticipationPage,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { ifMatch, sentVersion } from "../http/Concurrency.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import {
  type ExportLayout,
  ExportQueryFields,
  exportableResponse,
  exportFormatOf,
  exportLanguageOf,
  respondExport,
} from "../http/Export.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { evaluationRoutes } from "./evaluations.js"
import { signInSheetRoutes } from "./signInSheets.js"

const IdParam = Schema.Struct({ id: Schema.String })
const AttendanceParam = Schema.Struct({ id: Schema.String, personId: Schema.String })
const ListQuery = Schema.Struct({
  ...PageQuery.fields,
  projectId: Schema.optional(Schema.String.annotations({ description: "Only this project's events" })),
  ...ExportQueryFields,
})

// The words of apps/web/src/i18n/reach.ts (eventKind), for files read outside the app.
const kinds: Record<string, Readonly<Record<"bg" | "en", string>>> = {
  regional_workshop: { bg: "Регионален семинар (работна среща)", en: "Regional workshop" },
  training_seminar: { bg: "Обучителен семинар", en: "Training seminar" },
  conference: { bg: "Международна конференция", en: "International conference" },
  working_meeting: { bg: "Работна среща", en: "Working meeting" },
  study_visit: { bg: "Учебно посещение", en: "Study visit" },
  multiplier_training: { bg: "Мултипликационно обучение", en: "Multiplier training" },
}

/** The events list's columns, as a file (the kind in the language the file is written in). */
const eventsLayout = (language: "bg" | "en"): ExportLayout<Event> => ({
  filename: "events",
  sheetName: "Events",
  columns: [
    { header: { bg: "Наименование", en: "Title" }, value: (e) => e.title, width: 40 },
    { header: { bg: "Вид", en: "Kind" }, value: (e) => kinds[e.kind]?.[language] ?? e.kind, width: 26 },
    { header: { bg: "Начало", en: "Start" }, value: (e) => ({ date: e.startDate }), width: 12 },
    { header: { bg: "Край", en: "End" }, value: (e) => ({ date: e.endDate }), width: 12 },
    { header: { bg: "Град", en: "City" }, value: (e) => e.city },
    { header: { bg: "Идентификатор", en: "Id" }, value: (e) => e.id, width: 24 },
  ],
})
const tags = ["events"]

/** The events sub-app, mounted at `/v1/events`; the sign-in sheet import is part of it. */
export const eventRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create an event",
      description:
        "`endDate` is never before `startDate`. An event outside the project period is accepted; the answer's `outsideProjectPeriod` flags it so the client can warn.",
      responses: { 201: jsonResponse(EventView, "The event"), ...problems(400, 404) },
    }),
    requires("events", "write"),
    body(NewEvent),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) => s.create(c.var.principal, c.req.valid("json"))),
        EventView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List events",
      description:
        "The events of the projects the caller works on, with their count. With `format=csv|xlsx` (or `Accept: text/csv`) all of them as a file.",
      responses: {
        200: exportableResponse(jsonResponse(EventViewPage, "A page of events, or all of them as a file")),
        ...problems(400, 404),
      },
    }),
    requires("events", "read"),
    query(ListQuery),
    (c) => {
      const { format: _f, lang: _l, ...list } = c.req.valid("query")
      const format = exportFormatOf(c)
      if (format)
        return respondExport(
          c,
          format,
          Effect.flatMap(Events, (s) => s.rows(c.var.principal, list.projectId)),
          eventsLayout(exportLanguageOf(c)),
        )
      return respond(
        c,
        Effect.flatMap(Events, (s) => s.list(c.var.principal, list)),
        EventViewPage,
      )
    },
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read an event",
      responses: {
        200: jsonResponse(EventView, "The event, flagged when outside the project period"),
        ...problems(404),
      },
    }),
    requires("events", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        EventView,
      ),
  )
  .post(
    "/:id/participations",
    describeRoute({
      tags,
      summary: "Register a person for the event",
      description:
        "`institutionId` is the institution represented there, by default the person's. A person registers once per event (409 AlreadyRegistered with `existingId`).",
      responses: { 201: jsonResponse(Participation, "The participation"), ...problems(400, 404, 409) },
    }),
    requires("events", "write"),
    params(IdParam),
    body(NewParticipation),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) =>
          s.register(c.var.principal, c.req.valid("param").id, c.req.valid("json")),
        ),
        Participation,
        201,
      ),
  )
  .get(
    "/:id/participations",
    describeRoute({
      tags,
      summary: "List the event's participations",
      responses: { 200: jsonResponse(ParticipationPage, "A page of participations"), ...problems(400, 404) },
    }),
    requires("events", "read"),
    params(IdParam),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) =>
          s.participations(c.var.principal, c.req.valid("param").id, c.req.valid("query")),
        ),
        ParticipationPage,
      ),
  )
  .put(
    "/:id/participations/:personId/attendance",
    describeRoute({
      tags,
      summary: "Set the days a person attended",
      description:
        "Replaces the attended days; each must be a day of the event (422 DayOutsideEvent). `If-Match: <version>` is optional here (the whole set is replaced, so a repeat is harmless); when sent and stale: 409.",
      responses: { 200: jsonResponse(Participation, "The participation"), ...problems(400, 404, 409, 422) },
    }),
    requires("events", "write"),
    ifMatch("optional"),
    params(AttendanceParam),
    body(Attendance),
    (c) => {
      const { id, personId } = c.req.valid("param")
      return respond(
        c,
        Effect.flatMap(Events, (s) =>
          s.setAttendance(c.var.principal, id, personId, c.req.valid("json").days, sentVersion(c)),
        ),
        Participation,
      )
    },
  )
  .route("/", signInSheetRoutes)
  .route("/", evaluationRoutes)
