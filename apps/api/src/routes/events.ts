/**
 * `/v1/events`: events of projects, registration and attendance, and (from signInSheets.ts) the
 * sign-in sheet import.
 * @module
 */
import { Events } from "@coordina/app"
import {
  Attendance,
  Event,
  EventPage,
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
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { signInSheetRoutes } from "./signInSheets.js"

const IdParam = Schema.Struct({ id: Schema.String })
const AttendanceParam = Schema.Struct({ id: Schema.String, personId: Schema.String })
const ListQuery = Schema.Struct({
  ...PageQuery.fields,
  projectId: Schema.optional(Schema.String.annotations({ description: "Only this project's events" })),
})
const tags = ["events"]

/** The events sub-app, mounted at `/v1/events`; the sign-in sheet import is part of it. */
export const eventRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create an event",
      description: "`endDate` is never before `startDate`.",
      responses: { 201: jsonResponse(Event, "The event"), ...problems(400, 404) },
    }),
    requires("events", "write"),
    body(NewEvent),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) => s.create(c.var.principal, c.req.valid("json"))),
        Event,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List events",
      description: "The events of the projects the caller works on.",
      responses: { 200: jsonResponse(EventPage, "A page of events"), ...problems(400, 404) },
    }),
    requires("events", "read"),
    query(ListQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) => s.list(c.var.principal, c.req.valid("query"))),
        EventPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read an event",
      responses: { 200: jsonResponse(Event, "The event"), ...problems(404) },
    }),
    requires("events", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Events, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        Event,
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
