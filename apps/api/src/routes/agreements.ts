/**
 * `/v1/agreements`: the integration agreement procedure. An intent opens an agreement; the
 * actions `match`, `conclude`, `extend`, `terminate` and `close` each append an event decided
 * by the domain's state machine; `events` is the history; `plan` the integration plan, whose
 * new measures open coordination tasks. Actions accept `If-Match: <version>` (409 when stale).
 * The use cases are the app layer's `Agreements` and `Plans`; handlers decode, authorise, call
 * one of them and encode.
 * @module
 */
import { Agreements, Plans } from "@coordina/app"
import {
  AgreementHistory,
  AgreementPage,
  AgreementState,
  AgreementView,
  CloseRequest,
  ConcludeRequest,
  close,
  conclude,
  ExtendRequest,
  extend,
  IntegrationPlanView,
  PlausibleDate,
  MatchRequest,
  NewIntent,
  PlanRequest,
  TerminateRequest,
  terminate,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch, sentVersion } from "../http/Concurrency.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const tags = ["agreements"]
const IdParam = Schema.Struct({ id: Schema.String })
const AsOfQuery = Schema.Struct({ asOf: Schema.optional(PlausibleDate) })

const ifMatchHeader = {
  name: "If-Match",
  in: "header" as const,
  required: false,
  description: "The version you read; a newer agreement answers 409.",
  schema: { type: "string" as const },
}

const actionDocs = (summary: string, description: string) =>
  describeRoute({
    tags,
    summary,
    description,
    parameters: [ifMatchHeader],
    responses: {
      200: jsonResponse(AgreementView, "The agreement after the action, with the caller's allowed actions"),
      ...problems(400, 404, 409, 422),
    },
  })

/** The middleware of every action: its policy, an optional If-Match, the path and the body. */
const actionInput = <A, I>(request: Schema.Schema<A, I>) =>
  [requires("agreements", "write"), ifMatch("optional"), params(IdParam), body(request)] as const

/** The agreements sub-app, mounted at `/v1/agreements`. */
export const agreementRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Declare an intent",
      description:
        "Opens an agreement governed by the rule set in force on `intentDate`. A late intent is flagged (`intentLate`), not refused. A beneficiary outside the caller's scope is 404, as a missing one.",
      responses: {
        201: jsonResponse(AgreementView, "The agreement in state intent_declared"),
        ...problems(400, 404, 422),
      },
    }),
    requires("agreements", "write"),
    body(NewIntent),
    (c) =>
      respond(
        c,
        Effect.flatMap(Agreements, (s) => s.declareIntent(c.var.principal, c.req.valid("json"))),
        AgreementView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List agreements",
      description:
        "Filter by municipality, state on `asOf` (default today), rule set, beneficiary and `q`. Each item carries its beneficiary's pseudonym (never the name); `total` counts the matches across every page. An agreement found by its beneficiary's name is a `read_personal` audit entry.",
      responses: { 200: jsonResponse(AgreementPage, "A page of agreements, as of asOf"), ...problems(400) },
    }),
    requires("agreements", "read"),
    query(
      Schema.Struct({
        ...PageQuery.fields,
        municipalityId: Schema.optional(Schema.String),
        state: Schema.optional(AgreementState),
        procedureId: Schema.optional(Schema.String),
        beneficiaryId: Schema.optional(Schema.String),
        asOf: Schema.optional(PlausibleDate),
        q: Schema.optional(Schema.String.pipe(Schema.trimmed(), Schema.maxLength(200))).annotations({
          description:
            "Text of the beneficiary's pseudonym, or (for roles that may read personal data) every word of their name, Latin or Cyrillic",
        }),
      }),
    ),
    (c) =>
      respond(
        c,
        Effect.flatMap(Agreements, (s) => s.list(c.var.principal, c.req.valid("query"))),
        AgreementPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read an agreement",
      description:
        "As of `asOf` (default today in the configured zone): an active agreement whose endDate is before asOf reads expired. `allowedActions` and `planAllowed` are what this caller may do on that day.",
      responses: { 200: jsonResponse(AgreementView, "The agreement"), ...problems(404) },
    }),
    requires("agreements", "read"),
    params(IdParam),
    query(AsOfQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Agreements, (s) =>
          s.get(c.var.principal, c.req.valid("param").id, c.req.valid("query").asOf),
        ),
        AgreementView,
      ),
  )
  .get(
    "/:id/events",
    describeRoute({
      tags,
      summary: "An agreement's history",
      responses: { 200: jsonResponse(AgreementHistory, "Every event, oldest first"), ...problems(404) },
    }),
    requires("agreements", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Agreements, (s) => s.events(c.var.principal, c.req.valid("param").id)),
        AgreementHistory,
      ),
  )
  .post(
    "/:id/match",
    actionDocs(
      "Match to a municipal offer",
      "Takes a place on the offer; an offer with no place left is 409, one outside the caller's scope 404.",
    ),
    ...actionInput(MatchRequest),
    (c) =>
      respond(
        c,
        Effect.flatMap(Agreements, (s) =>
          s.match(c.var.principal, c.req.valid("param").id, sentVersion(c), c.req.valid("json")),
        ),
        AgreementView,
      ),
  )
  .post(
    "/:id/conclude",
    actionDocs("Conclude the agreement", "startDate is the date; endDate is date + termMonths − 1 day."),
    ...actionInput(ConcludeRequest),
    (c) => {
      const input = c.req.valid("json")
      return respond(
        c,
        Effect.flatMap(Agreements, (s) =>
          s.act(c.var.principal, c.req.valid("param").id, sentVersion(c), (a, recorded) =>
            conclude(a, { ...recorded, ...input }),
          ),
        ),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/extend",
    actionDocs("Extend the agreement", "endDate moves by extensionMonths; past maxExtensions is 409."),
    ...actionInput(ExtendRequest),
    (c) => {
      const input = c.req.valid("json")
      return respond(
        c,
        Effect.flatMap(Agreements, (s) =>
          s.act(c.var.principal, c.req.valid("param").id, sentVersion(c), (a, recorded) =>
            extend(a, { ...recorded, ...input }),
          ),
        ),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/terminate",
    actionDocs("Terminate the agreement", "A ground the governing rule set does not list is 422."),
    ...actionInput(TerminateRequest),
    (c) => {
      const input = c.req.valid("json")
      return respond(
        c,
        Effect.flatMap(Agreements, (s) =>
          s.act(c.var.principal, c.req.valid("param").id, sentVersion(c), (a, recorded) =>
            terminate(a, { ...recorded, ...input }),
          ),
        ),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/close",
    actionDocs(
      "Close an intent or a match without an agreement",
      "Allowed from intent_declared or matched; a matched agreement gives its place on the offer back.",
    ),
    ...actionInput(CloseRequest),
    (c) => {
      const input = c.req.valid("json")
      return respond(
        c,
        Effect.flatMap(Agreements, (s) =>
          s.act(c.var.principal, c.req.valid("param").id, sentVersion(c), (a, recorded) =>
            close(a, { ...recorded, ...input }),
          ),
        ),
        AgreementView,
      )
    },
  )
  .get(
    "/:id/plan",
    describeRoute({
      tags,
      summary: "Read the integration plan",
      description: "Each task carries the answers this caller may give (`allowedActions`).",
      responses: { 200: jsonResponse(IntegrationPlanView, "The measures and their tasks"), ...problems(404) },
    }),
    requires("agreements", "read"),
    params(IdParam),
    query(AsOfQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Plans, (s) =>
          s.get(c.var.principal, c.req.valid("param").id, c.req.valid("query").asOf),
        ),
        IntegrationPlanView,
      ),
  )
  .put(
    "/:id/plan",
    describeRoute({
      tags,
      summary: "Set the integration plan",
      description:
        "Replaces the measures: one with the same area and institution as before keeps its progress; each new measure opens a coordination task for its institution. An update: If-Match with the plan's `version` (0 before the first plan) is required (428 without it, 409 when stale).",
      parameters: [{ ...ifMatchHeader, required: true, description: "The plan's version" }],
      responses: {
        200: jsonResponse(IntegrationPlanView, "The plan and its tasks"),
        ...problems(400, 404, 409, 422, 428),
      },
    }),
    requires("agreements", "write"),
    ifMatch(),
    params(IdParam),
    body(PlanRequest),
    (c) =>
      respond(
        c,
        Effect.flatMap(Plans, (s) =>
          s.set(c.var.principal, c.req.valid("param").id, expectedVersion(c), c.req.valid("json")),
        ),
        IntegrationPlanView,
      ),
  )
