/**
 * The integration agreement procedure as a use case: declaring an intent, reading and listing
 * agreements, and every later action (`match`, `conclude`, `extend`, `terminate`, `close`)
 * through one `act`. Each call owns its transaction, its audit entry, the caller's scope, the
 * clock and the ids; the places an event takes on an offer follow the domain's `placeMove`.
 * @module
 */
import {
  afterTermination,
  type Agreement,
  type AgreementEvent,
  type AgreementHistory,
  type AgreementPage,
  type AgreementState,
  type AgreementView,
  type AgreementId,
  declareIntent,
  type IsoDate,
  type MatchRequest,
  match,
  mayChangeAgreements,
  movePlace,
  municipalityScope,
  type NewIntent,
  type Principal,
  placeMove,
  type Recorded,
  searchesBeneficiaryNames,
  viewAsOf,
} from "@coordina/domain"
import {
  AgreementsRepository,
  AuditLog,
  CoordinationTasksRepository,
  IntegrationPlansRepository,
  MunicipalOffersRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { visibleAgreement, visibleBeneficiary, visibleOffer } from "./AgreementScope.js"
import { Calendar } from "./Calendar.js"
import { Ids } from "./Ids.js"
import { Outbox } from "./Outbox.js"
import { Today } from "./Today.js"
import { createAudited, transaction } from "./Transaction.js"

/** What an agreement list can be filtered by; `asOf` defaults to today. */
export interface AgreementQuery {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
  readonly municipalityId?: string | undefined
  readonly state?: AgreementState | undefined
  readonly procedureId?: string | undefined
  readonly beneficiaryId?: string | undefined
  readonly asOf?: IsoDate | undefined
  /** The beneficiary's pseudonym, or their name for callers who may read personal data. */
  readonly q?: string | undefined
}

/**
 * Chooses the next event for the current agreement, or fails; `recorded` says who records it
 * and when. The domain's commands (`conclude`, `close`, …) have this shape once given their input.
 */
export type Decide<E, R = never> = (
  current: Agreement,
  recorded: Recorded,
) => Effect.Effect<AgreementEvent, E, R>

/** The audit log's word for each step of the procedure an event records. */
const auditAction: Record<AgreementEvent["type"], string> = {
  intent_declared: "declare_intent",
  matched: "match",
  concluded: "conclude",
  extended: "extend",
  terminated: "terminate",
  closed: "close",
}

/** An agreement as this caller sees it on `asOf`: the actions offered are the caller's. */
export const viewFor = (principal: Principal, a: Agreement, asOf: IsoDate): AgreementView =>
  viewAsOf(a, asOf, mayChangeAgreements(principal))

const make = Effect.gen(function* () {
  const repo = yield* AgreementsRepository
  const offers = yield* MunicipalOffersRepository
  const audit = yield* AuditLog
  const clock = yield* Today
  const ids = yield* Ids
  const calendar = yield* Calendar
  const plans = yield* IntegrationPlansRepository
  const tasks = yield* CoordinationTasksRepository
  const outbox = yield* Outbox

  /**
   * Cancels what the domain says a termination cancels in the agreement's plan and names what
   * it cancelled; any other event leaves the plan alone.
   */
  const followPlan = (agreementId: string, event: AgreementEvent) =>
    Effect.gen(function* () {
      if (event.type !== "terminated") return undefined
      const outcome = afterTermination(
        event,
        yield* plans.measures(agreementId),
        yield* tasks.forAgreement(agreementId),
      )
      yield* Effect.forEach(outcome.measures, (m) => plans.saveMeasure(m), { discard: true })
      yield* Effect.forEach(outcome.tasks, (t) => tasks.save(t, t.version - 1), { discard: true })
      return { measures: outcome.measures.map((m) => m.id), tasks: outcome.tasks.map((t) => t.id) }
    })

  /** Takes or gives back the place the event moves, as the domain decides. */
  const movePlaces = (before: Agreement, event: AgreementEvent) =>
    Effect.gen(function* () {
      const move = placeMove(before, event)
      if (!move) return
      const offer = yield* offers.get(move.offerId)
      yield* offers.setTaken(offer.id, yield* movePlace(offer, move.move))
    })

  /**
   * Runs one action on an agreement the caller may see: `decide` chooses the event in the
   * repository's transaction (a newer agreement than `expectedVersion` is 409), the places on
   * offers follow, the change is audited, and the answer is the agreement as of today.
   */
  const act = <E, R>(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    decide: Decide<E, R>,
  ) =>
    transaction(
      Effect.gen(function* () {
        // Scope first, so that another municipality's agreement never answers 409 for a stale version.
        let before = yield* visibleAgreement(principal, id)
        const recorded = { at: yield* clock.nowIso, by: principal.id }
        let event: AgreementEvent | undefined
        const after = yield* repo.act(id, expectedVersion, (current) =>
          Effect.gen(function* () {
            // The audit's "before" is the row as locked, not as first read.
            before = current
            event = yield* decide(current, recorded)
            yield* movePlaces(current, event)
            return event
          }),
        )
        const cancelled = yield* followPlan(id, event!)
        yield* outbox.publish("agreement.transitioned", {
          agreementId: id,
          event: event!.type,
          from: before.state,
          to: after.state,
          version: after.version,
        })
        const asOf = yield* clock.date
        yield* audit.record({
          actor: principal.id,
          action: auditAction[event!.type],
          entity: `agreement:${id}`,
          before: viewAsOf(before, asOf),
          after: { ...viewAsOf(after, asOf), ...(cancelled ? { cancelled } : {}) },
        })
        return viewFor(principal, after, asOf)
      }),
    )

  /** Links the agreement to an offer of the caller's scope with a place left. */
  const matchToOffer = (
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    input: MatchRequest,
  ) =>
    act(principal, id, expectedVersion, (current, recorded) =>
      Effect.flatMap(visibleOffer(principal, input.offerId), (offer) =>
        match(current, { ...recorded, offer, date: input.date }),
      ),
    )

  /** Opens an agreement for a beneficiary the caller may see (another scope's reads as missing). */
  const declare = Effect.fn("Agreements.declareIntent")(function* (principal: Principal, input: NewIntent) {
    const asOf = yield* clock.date
    let created: Agreement | undefined
    yield* createAudited(
      principal.id,
      "agreement",
      Effect.gen(function* () {
        const beneficiary = yield* visibleBeneficiary(principal, input.beneficiaryId)
        const event = yield* declareIntent({
          at: yield* clock.nowIso,
          by: principal.id,
          agreementId: (yield* ids.next("agr")) as AgreementId,
          beneficiary,
          intentDate: input.intentDate,
          calendar: yield* calendar.current,
        })
        created = yield* repo.create(event)
        // The audit keeps the agreement as anyone would see it, not as this caller may act on it.
        return viewAsOf(created, asOf)
      }),
    )
    return viewFor(principal, created!, asOf)
  })

  /**
   * A page of the agreements the caller may see, as of `asOf` (default today), scoped in SQL,
   * with the total over every page. `q` matches a name only for callers who may read personal
   * data, and each agreement found by its beneficiary's name is a `read_personal` of that
   * beneficiary: the answer tells the caller who the pseudonym is, though it shows no name.
   */
  const list = Effect.fn("Agreements.list")(function* (principal: Principal, query: AgreementQuery) {
    const asOf = query.asOf ?? (yield* clock.date)
    const scope = municipalityScope(principal)
    const filter = {
      ...query,
      asOf,
      names: searchesBeneficiaryNames(principal),
      ...(scope === "all" ? {} : { municipalityIds: scope }),
    }
    return yield* transaction(
      Effect.gen(function* () {
        const page = yield* repo.list(filter)
        const total = yield* repo.count(filter)
        const byName = new Set(page.items.filter((a) => a.byName).map((a) => a.beneficiaryId))
        yield* Effect.forEach(
          byName,
          (id) => audit.record({ actor: principal.id, action: "read_personal", entity: `beneficiary:${id}` }),
          { discard: true },
        )
        return {
          items: page.items.map(({ byName: _, beneficiaryPseudonym, ...a }) => ({
            ...viewFor(principal, a, asOf),
            beneficiaryPseudonym,
          })),
          nextCursor: page.nextCursor,
          total,
        } satisfies AgreementPage
      }),
    )
  })

  /** One agreement as of `asOf` (default today). */
  const get = Effect.fn("Agreements.get")(function* (principal: Principal, id: string, asOf?: IsoDate) {
    const a = yield* visibleAgreement(principal, id)
    return viewFor(principal, a, asOf ?? (yield* clock.date))
  })

  /** An agreement's history, oldest first. */
  const events = Effect.fn("Agreements.events")(function* (principal: Principal, id: string) {
    yield* visibleAgreement(principal, id)
    return (yield* repo.events(id)) satisfies AgreementHistory
  })

  return { act, match: matchToOffer, declareIntent: declare, list, get, events } as const
})

/** The integration agreement procedure. */
export class Agreements extends Context.Tag("@coordina/app/Agreements")<
  Agreements,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the clock and the ids. */
  static readonly layer = Layer.effect(Agreements, make)
}
