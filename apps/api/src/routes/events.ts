/**
 * `/v1/events`: events of projects, registration and attendance. (The sign-in sheet import,
 * `POST /v1/events/{id}/sign-in-sheet`, lives in signInSheets.ts.)
 * @module
 */
import { Attendance, Event, EventNotFound, NewEvent, NewParticipation, Participation } from "@coordina/domain"
import { AuditLog, EventsRepository, ParticipationsRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { createAudited, transaction } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import type { Principal } from "../http/Auth.js"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { canSeeProject, requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { visibleProject } from "./reachHttp.js"

const IdParam = Schema.Struct({ id: Schema.String })
const AttendanceParam = Schema.Struct({ id: Schema.String, personId: Schema.String })
const EventPage = PageOf(Event, "EventPage")
const ParticipationPage = PageOf(Participation, "ParticipationPage")
const ListQuery = Schema.Struct({
  ...PageQuery.fields,
  projectId: Schema.optional(Schema.String.annotations({ description: "Only this project's events" })),
})
const tags = ["events"]

/** An event the caller may see (its project in their scope), else EventNotFound. */
const visibleEvent = (principal: Principal, id: string) =>
  EventsRepository.pipe(
    Effect.flatMap((repo) => repo.get(id)),
    Effect.filterOrFail(
      (e) => canSeeProject(principal, e.projectId),
      () => new EventNotFound({ eventId: id }),
    ),
  )

const versionOf = (header: string | undefined): number | undefined => {
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header ?? "")
  return match ? Number(match[1]) : undefined
}

/** The events sub-app, mounted at `/v1/events`. */
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
        createAudited(
          c.var.principal.id,
          "event",
          Effect.gen(function* () {
            const input = c.req.valid("json")
            yield* visibleProject(c.var.principal, input.projectId)
            return yield* (yield* EventsRepository).create(input)
          }),
        ),
        Event,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List events",
      responses: { 200: jsonResponse(EventPage, "A page of events"), ...problems(400, 404) },
    }),
    requires("events", "read"),
    query(ListQuery),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const q = c.req.valid("query")
          if (q.projectId) yield* visibleProject(c.var.principal, q.projectId)
          const page = yield* (yield* EventsRepository).list(q)
          return { ...page, items: page.items.filter((e) => canSeeProject(c.var.principal, e.projectId)) }
        }),
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
    (c) => respond(c, visibleEvent(c.var.principal, c.req.valid("param").id), Event),
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
        createAudited(
          c.var.principal.id,
          "participation",
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            yield* visibleEvent(c.var.principal, id)
            return yield* (yield* ParticipationsRepository).register(id, c.req.valid("json"))
          }),
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
        Effect.gen(function* () {
          const { id } = c.req.valid("param")
          yield* visibleEvent(c.var.principal, id)
          return yield* (yield* ParticipationsRepository).listByEvent(id, c.req.valid("query"))
        }),
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
    params(AttendanceParam),
    body(Attendance),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id, personId } = c.req.valid("param")
            yield* visibleEvent(c.var.principal, id)
            const repo = yield* ParticipationsRepository
            const before = yield* repo.get(id, personId)
            const after = yield* repo.setAttendance(
              id,
              personId,
              c.req.valid("json").days,
              versionOf(c.req.header("If-Match")),
            )
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "update",
              entity: `participation:${after.id}`,
              before: { attendedDays: before.attendedDays },
              after: { attendedDays: after.attendedDays },
            })
            return after
          }),
        ),
        Participation,
      ),
  )
