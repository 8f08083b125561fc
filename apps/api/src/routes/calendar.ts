/**
 * `/v1/calendar/decisions`: the Council of Ministers decisions of the working calendar that
 * deadlines are counted on. Every signed-in caller reads them; an admin adds, changes (with
 * `If-Match`) and removes them, each change audited.
 * @module
 */
import { Calendar } from "@coordina/app"
import { CalendarDecision, CalendarDecisionId, StoredCalendarDecision } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, PageOf, problems } from "../http/Docs.js"
import { requires, selfService } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: CalendarDecisionId })
const DecisionPage = PageOf(StoredCalendarDecision, "CalendarDecisionPage")
const tags = ["calendar"]
const Removed = Schema.Struct({ id: Schema.String, removed: Schema.Literal(true) })

/** The calendar sub-app, mounted at `/v1/calendar`. */
export const calendarRoutes = new Hono<AppEnv>()
  .get(
    "/decisions",
    describeRoute({
      tags,
      summary: "List the calendar's Council of Ministers decisions",
      description:
        "Every decision in date order (one page; `nextCursor` is null): days declared off and weekend days declared working, each with its source.",
      responses: { 200: jsonResponse(DecisionPage, "The decisions") },
    }),
    selfService(),
    (c) =>
      respond(
        c,
        Effect.flatMap(Calendar, (calendar) => calendar.list).pipe(
          Effect.map((items) => ({ items, nextCursor: null })),
        ),
        DecisionPage,
      ),
  )
  .post(
    "/decisions",
    describeRoute({
      tags,
      summary: "Add a Council of Ministers decision (admin)",
      responses: {
        201: jsonResponse(StoredCalendarDecision, "The decision"),
        ...problems(400, 403, 409),
      },
    }),
    requires("calendar", "write"),
    body(CalendarDecision),
    (c) =>
      respond(
        c,
        Effect.flatMap(Calendar, (calendar) => calendar.create(c.var.principal.id, c.req.valid("json"))),
        StoredCalendarDecision,
        201,
      ),
  )
  .put(
    "/decisions/:id",
    describeRoute({
      tags,
      summary: "Change a Council of Ministers decision (admin, with If-Match)",
      responses: {
        200: jsonResponse(StoredCalendarDecision, "The decision"),
        ...problems(400, 403, 404, 409, 428),
      },
    }),
    requires("calendar", "write"),
    ifMatch(),
    params(IdParam),
    body(CalendarDecision),
    (c) => {
      const version = expectedVersion(c)
      return respond(
        c,
        Effect.flatMap(Calendar, (calendar) =>
          calendar.update(c.var.principal.id, c.req.valid("param").id, version, c.req.valid("json")),
        ),
        StoredCalendarDecision,
      )
    },
  )
  .delete(
    "/decisions/:id",
    describeRoute({
      tags,
      summary: "Remove a Council of Ministers decision (admin)",
      responses: { 200: jsonResponse(Removed, "The decision is gone"), ...problems(403, 404) },
    }),
    requires("calendar", "write"),
    params(IdParam),
    (c) => {
      const { id } = c.req.valid("param")
      return respond(
        c,
        Effect.flatMap(Calendar, (calendar) => calendar.remove(c.var.principal.id, id)).pipe(
          Effect.as({ id, removed: true as const }),
        ),
        Removed,
      )
    },
  )
