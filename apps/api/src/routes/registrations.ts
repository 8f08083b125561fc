/**
 * Public event registration. Staff set an event's form and read its list under `/v1/events`;
 * the public reads the event, registers and cancels under `/v1/public`, without an account
 * (Auth.ts lets `/v1/public/*` through). No answer under `/v1/public` carries personal data.
 * @module
 */
import { Registrations } from "@coordina/app"
import {
  NewRegistration,
  PublicEvent,
  RegistrationPage,
  RegistrationReceipt,
  RegistrationSettings,
  RegistrationSettingsView,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { clientAddress } from "../http/Auth.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { answer, respond, respondEmpty } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const TokenParam = Schema.Struct({ token: Schema.String })
const CalendarQuery = Schema.Struct({ lang: Schema.optional(Schema.Literal("bg", "en")) })
const tags = ["events"]
const publicTags = ["public"]

/** Staff routes of an event's registration, mounted at `/v1/events`. */
export const eventRegistrationRoutes = new Hono<AppEnv>()
  .get(
    "/:id/registration",
    describeRoute({
      tags,
      summary: "Read the event's registration settings",
      responses: {
        200: jsonResponse(
          RegistrationSettingsView,
          "The settings (null before a form was opened) and counts",
        ),
        ...problems(404),
      },
    }),
    requires("events", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Registrations, (s) => s.settings(c.var.principal, c.req.valid("param").id)),
        RegistrationSettingsView,
      ),
  )
  .put(
    "/:id/registration",
    describeRoute({
      tags,
      summary: "Set the event's public registration",
      description:
        "Opens or closes the public form, with an optional capacity and closing instant and whether a full event keeps a waiting list. A larger capacity moves the first on the waiting list up.",
      responses: {
        200: jsonResponse(RegistrationSettingsView, "The settings and counts"),
        ...problems(400, 404),
      },
    }),
    requires("events", "write"),
    params(IdParam),
    body(RegistrationSettings),
    (c) =>
      respond(
        c,
        Effect.flatMap(Registrations, (s) =>
          s.putSettings(c.var.principal, c.req.valid("param").id, c.req.valid("json")),
        ).pipe(Effect.map((r) => r.view)),
        RegistrationSettingsView,
      ),
  )
  .get(
    "/:id/registrations",
    describeRoute({
      tags,
      summary: "List the event's public registrations",
      description: "In the order they came, with the registrants' names; every person read is audited.",
      responses: { 200: jsonResponse(RegistrationPage, "A page of registrations"), ...problems(400, 404) },
    }),
    requires("events", "read"),
    params(IdParam),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Registrations, (s) =>
          s.list(c.var.principal, c.req.valid("param").id, c.req.valid("query")),
        ),
        RegistrationPage,
      ),
  )

/** The public routes, mounted at `/v1/public`. */
export const publicRoutes = (options: { readonly trustProxy: boolean }) =>
  new Hono<AppEnv>()
    .get(
      "/events/:file{[^/]+\\.ics}",
      // OpenAPI cannot name a path parameter with a suffix: `GET /v1/public/events/{id}` says it.
      describeRoute({ hide: true }),
      query(CalendarQuery),
      (c) => {
        const id = c.req.param("file").replace(/\.ics$/, "")
        return answer(
          c,
          Effect.flatMap(Registrations, (s) => s.calendar(id, c.req.valid("query").lang ?? "bg")),
          (ics) =>
            c.body(ics, 200, {
              "Content-Type": "text/calendar; charset=utf-8",
              "Content-Disposition": `attachment; filename="${id.replace(/[^\w-]/g, "_")}.ics"`,
            }),
        )
      },
    )
    .get(
      "/events/:id",
      describeRoute({
        tags: publicTags,
        summary: "An event open to public registration",
        description:
          "Title, dates, place, whether the form is open and the seats left, with the `proof` the form sends back (at least 3 s and at most 2 h later). Only events that opened a form answer. `GET /v1/public/events/{id}.ics?lang=bg|en` answers the event as an iCalendar file (`text/calendar`).",
        security: [],
        responses: { 200: jsonResponse(PublicEvent, "The event"), ...problems(404) },
      }),
      params(IdParam),
      (c) =>
        respond(
          c,
          Effect.flatMap(Registrations, (s) => s.publicEvent(c.req.valid("param").id)),
          PublicEvent,
        ),
    )
    .post(
      "/events/:id/registrations",
      describeRoute({
        tags: publicTags,
        summary: "Register for an event",
        description:
          "No account. Closed, or full without a waiting list: 409 and nothing is stored. A missing, forged, too fresh or stale `proof`, or a filled-in `website`: 422. More than 5 attempts from one address for one event within an hour: 429 with `Retry-After`.",
        security: [],
        responses: {
          201: jsonResponse(RegistrationReceipt, "Registered or on the waiting list"),
          ...problems(400, 404, 409, 422),
          429: { description: "Too many registrations from this address; wait Retry-After seconds" },
        },
      }),
      params(IdParam),
      body(NewRegistration),
      (c) =>
        respond(
          c,
          Effect.flatMap(Registrations, (s) =>
            s.register(c.req.valid("param").id, c.req.valid("json"), clientAddress(c, options.trustProxy)),
          ).pipe(Effect.map((r) => ({ status: r.status as "registered" | "waitlisted" }))),
          RegistrationReceipt,
          201,
        ),
    )
    .delete(
      "/registrations/:token",
      describeRoute({
        tags: publicTags,
        summary: "Cancel a registration by its secret link",
        description: "The first on the waiting list moves up to the freed seat.",
        security: [],
        responses: { 204: { description: "Cancelled" }, ...problems(404) },
      }),
      params(TokenParam),
      (c) =>
        respondEmpty(
          c,
          Effect.flatMap(Registrations, (s) => s.cancel(c.req.valid("param").token)),
        ),
    )
