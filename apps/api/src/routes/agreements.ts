/**
 * `/v1/agreements`: the integration agreement procedure. An intent opens an agreement; the
 * actions `match`, `conclude`, `extend`, `terminate` and `close` each append an event decided
 * by the domain's state machine; `events` is the history; `plan` the integration plan, whose
 * new measures open coordination tasks. Actions accept `If-Match: <version>` (409 when stale).
 * @module
 */
import {
  type Agreement,
  AgreementEvent,
  AgreementId,
  AgreementState,
  AgreementView,
  CloseRequest,
  ConcludeRequest,
  type CoordinationTask,
  close,
  conclude,
  declareIntent,
  ExtendRequest,
  extend,
  governingRuleSet,
  InstitutionNotFound,
  IsoDate,
  Measure,
  MatchRequest,
  match,
  NewIntent,
  PlanRequest,
  planChanges,
  releasePlace,
  TaskView,
  TerminateRequest,
  takePlace,
  taskViewOn,
  terminate,
  viewAsOf,
} from "@coordina/domain"
import {
  AgreementsRepository,
  AuditLog,
  BeneficiariesRepository,
  CoordinationTasksRepository,
  IntegrationPlansRepository,
  MunicipalOffersRepository,
  newId,
} from "@coordina/store"
import { Effect, Schema } from "effect"
import type { Context } from "hono"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { currentCalendar, transaction } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import { badIfMatch, expectedVersion, ifMatch, optionalIfMatch } from "../http/Concurrency.js"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { requires, visibleMunicipalities } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { nowIso, today, visibleAgreement } from "./agreementsShared.js"

const tags = ["agreements"]
const IdParam = Schema.Struct({ id: Schema.String })
const AsOfQuery = Schema.Struct({ asOf: Schema.optional(IsoDate) })
const AgreementPage = PageOf(AgreementView, "AgreementPage")
const AgreementHistory = Schema.Array(AgreementEvent).annotations({ identifier: "AgreementHistory" })

/** An agreement's integration plan, with the coordination tasks its measures opened. */
const PlanView = Schema.Struct({
  agreementId: AgreementId,
  version: Schema.Int,
  measures: Schema.Array(Measure),
  tasks: Schema.Array(TaskView),
}).annotations({ identifier: "IntegrationPlanView" })

const ifMatchHeader = {
  parameters: [
    {
      name: "If-Match",
      in: "header" as const,
      required: false,
      description: "The version you read; a newer agreement answers 409.",
      schema: { type: "string" as const },
    },
  ],
}

const audited = (c: Context<AppEnv>, before: Agreement, after: Agreement, asOf: IsoDate) =>
  Effect.gen(function* () {
    const view = viewAsOf(after, asOf)
    yield* (yield* AuditLog).record({
      actor: c.var.principal.id,
      action: "update",
      entity: `agreement:${after.id}`,
      before: viewAsOf(before, asOf),
      after: view,
    })
    return view
  })

/**
 * Runs one action: reads the agreement the caller may see, lets `decide` choose the event in
 * the repository's transaction, audits, and answers the agreement as of today.
 */
const action = <E, R>(
  c: Context<AppEnv>,
  decide: (
    current: Agreement,
    recorded: { readonly at: string; readonly by: string },
  ) => Effect.Effect<AgreementEvent, E, R>,
) => {
  const id = c.req.param("id") ?? ""
  const expected = optionalIfMatch(c)
  return transaction(
    Effect.gen(function* () {
      const before = yield* visibleAgreement(c, id)
      const recorded = { at: yield* nowIso, by: c.var.principal.id }
      const after = yield* (yield* AgreementsRepository).act(
        id,
        expected === "bad" ? undefined : expected,
        (current) => decide(current, recorded),
      )
      return yield* audited(c, before, after, yield* today)
    }),
  )
}

const actionDocs = (summary: string, description: string, statuses: ReadonlyArray<400 | 404 | 409 | 422>) =>
  describeRoute({
    tags,
    summary,
    description,
    ...ifMatchHeader,
    responses: {
      200: jsonResponse(AgreementView, "The agreement after the action"),
      ...problems(...statuses),
    },
  })

const planOf = (agreementId: string, asOf: IsoDate) =>
  Effect.gen(function* () {
    const version = yield* (yield* AgreementsRepository).planVersion(agreementId)
    const measures = yield* (yield* IntegrationPlansRepository).measures(agreementId)
    const tasks = yield* (yield* CoordinationTasksRepository).forAgreement(agreementId)
    return {
      agreementId: agreementId as AgreementId,
      version,
      measures,
      tasks: tasks.map((t: CoordinationTask) => taskViewOn(t, asOf)),
    }
  })

/** The agreements sub-app, mounted at `/v1/agreements`. */
export const agreementRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Declare an intent",
      description:
        "Opens an agreement governed by the rule set in force on `intentDate`. A late intent is flagged (`intentLate`), not refused.",
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
        transaction(
          Effect.gen(function* () {
            const input = c.req.valid("json")
            const beneficiary = yield* (yield* BeneficiariesRepository).get(input.beneficiaryId)
            const event = yield* declareIntent({
              at: yield* nowIso,
              by: c.var.principal.id,
              agreementId: newId("agr") as AgreementId,
              beneficiary,
              intentDate: input.intentDate,
              calendar: yield* currentCalendar,
            })
            const created = yield* (yield* AgreementsRepository).create(event)
            const view = viewAsOf(created, yield* today)
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "create",
              entity: `agreement:${created.id}`,
              after: view,
            })
            return view
          }),
        ),
        AgreementView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List agreements",
      description: "Filter by municipality, state on `asOf` (default today) and rule set.",
      responses: { 200: jsonResponse(AgreementPage, "A page of agreements, as of asOf") },
    }),
    requires("agreements", "read"),
    query(
      Schema.Struct({
        ...PageQuery.fields,
        municipalityId: Schema.optional(Schema.String),
        state: Schema.optional(AgreementState),
        procedureId: Schema.optional(Schema.String),
        beneficiaryId: Schema.optional(Schema.String),
        asOf: Schema.optional(IsoDate),
      }),
    ),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const q = c.req.valid("query")
          const asOf = q.asOf ?? (yield* today)
          const scope = visibleMunicipalities(c.var.principal)
          const page = yield* (yield* AgreementsRepository).list({
            ...q,
            asOf,
            ...(scope === "all" ? {} : { municipalityIds: scope }),
          })
          return { items: page.items.map((a) => viewAsOf(a, asOf)), nextCursor: page.nextCursor }
        }),
        AgreementPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read an agreement",
      description:
        "As of `asOf` (default today): an active agreement whose endDate is before asOf reads expired.",
      responses: { 200: jsonResponse(AgreementView, "The agreement"), ...problems(404) },
    }),
    requires("agreements", "read"),
    params(IdParam),
    query(AsOfQuery),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const a = yield* visibleAgreement(c, c.req.valid("param").id)
          return viewAsOf(a, c.req.valid("query").asOf ?? (yield* today))
        }),
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
        Effect.gen(function* () {
          const { id } = c.req.valid("param")
          yield* visibleAgreement(c, id)
          return yield* (yield* AgreementsRepository).events(id)
        }),
        AgreementHistory,
      ),
  )
  .post(
    "/:id/match",
    actionDocs(
      "Match to a municipal offer",
      "Takes a place on the offer; an offer with no place left is 409.",
      [400, 404, 409, 422],
    ),
    requires("agreements", "write"),
    params(IdParam),
    body(MatchRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        action(c, (current, recorded) =>
          Effect.gen(function* () {
            const offers = yield* MunicipalOffersRepository
            const offer = yield* offers.get(input.offerId)
            const event = yield* match(current, { ...recorded, offer, date: input.date })
            yield* offers.setTaken(offer.id, yield* takePlace(offer))
            return event
          }),
        ),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/conclude",
    actionDocs(
      "Conclude the agreement",
      "startDate is the date; endDate is date + termMonths − 1 day.",
      [400, 404, 409, 422],
    ),
    requires("agreements", "write"),
    params(IdParam),
    body(ConcludeRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        action(c, (current, recorded) => conclude(current, { ...recorded, ...input })),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/extend",
    actionDocs(
      "Extend the agreement",
      "endDate moves by extensionMonths; past maxExtensions is 409.",
      [400, 404, 409, 422],
    ),
    requires("agreements", "write"),
    params(IdParam),
    body(ExtendRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        action(c, (current, recorded) => extend(current, { ...recorded, ...input })),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/terminate",
    actionDocs(
      "Terminate the agreement",
      "A ground the governing rule set does not list is 422.",
      [400, 404, 409, 422],
    ),
    requires("agreements", "write"),
    params(IdParam),
    body(TerminateRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        action(c, (current, recorded) => terminate(current, { ...recorded, ...input })),
        AgreementView,
      )
    },
  )
  .post(
    "/:id/close",
    actionDocs(
      "Close an intent or a match without an agreement",
      "Allowed from intent_declared or matched; a matched agreement gives its place on the offer back.",
      [400, 404, 409, 422],
    ),
    requires("agreements", "write"),
    params(IdParam),
    body(CloseRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        action(c, (current, recorded) =>
          Effect.gen(function* () {
            const event = yield* close(current, { ...recorded, ...input })
            if (current.state === "matched" && current.offerId) {
              const offers = yield* MunicipalOffersRepository
              const offer = yield* offers.get(current.offerId)
              yield* offers.setTaken(offer.id, releasePlace(offer))
            }
            return event
          }),
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
      responses: { 200: jsonResponse(PlanView, "The measures and their tasks"), ...problems(404) },
    }),
    requires("agreements", "read"),
    params(IdParam),
    query(AsOfQuery),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const { id } = c.req.valid("param")
          yield* visibleAgreement(c, id)
          return yield* planOf(id, c.req.valid("query").asOf ?? (yield* today))
        }),
        PlanView,
      ),
  )
  .put(
    "/:id/plan",
    describeRoute({
      tags,
      summary: "Set the integration plan",
      description:
        "Replaces the measures: one with the same area and institution as before keeps its progress; each new measure opens a coordination task for its institution. An update: If-Match with the plan's `version` (0 before the first plan) is required (428 without it, 409 when stale).",
      parameters: [{ ...ifMatchHeader.parameters[0]!, required: true, description: "The plan's version" }],
      responses: {
        200: jsonResponse(PlanView, "The plan and its tasks"),
        ...problems(400, 404, 409, 422, 428),
      },
    }),
    requires("agreements", "write"),
    ifMatch(),
    params(IdParam),
    body(PlanRequest),
    (c) => {
      const expected = expectedVersion(c)
      return respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const input = c.req.valid("json")
            const a = yield* visibleAgreement(c, id)
            const ruleSet = governingRuleSet(a)
            const date = input.date ?? (yield* today)
            const plans = yield* IntegrationPlansRepository
            const agreements = yield* AgreementsRepository
            const existing = yield* plans.measures(id)
            const before = yield* planOf(id, date)
            const changes = yield* planChanges(a, date, ruleSet, existing, input.measures)
            const missing = yield* plans.missingInstitutions(
              input.measures.map((m) => m.responsibleInstitutionId),
            )
            if (missing[0]) return yield* new InstitutionNotFound({ institutionId: missing[0] })
            yield* agreements.bumpPlanVersion(id, expected)
            yield* plans.apply(a, changes, input.measures, date, ruleSet, yield* currentCalendar)
            const after = yield* planOf(id, date)
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "update",
              entity: `plan:${id}`,
              before,
              after,
            })
            return after
          }),
        ),
        PlanView,
      )
    },
  )
