/**
 * The integration agreement as an event-sourced state machine:
 *
 * ```
 * intent_declared ──match──▶ matched ──conclude──▶ active ──extend (once)──▶ active
 *   └─close──▶ closed          └─close──▶ closed     ├─terminate(ground)──▶ terminated
 *                                                    └─term ends──────────▶ expired
 * ```
 *
 * Every transition is an event `{ type, at, by, data }`; {@link replay} rebuilds an agreement
 * from its events, and each command is a pure function from the current agreement to the
 * next event or a typed error. Expiry is not an event: an active agreement whose `endDate` is
 * before the day asked about reads `expired`.
 * @module
 */
import { Either, Schema } from "effect"
import { idMaxLength } from "./Text.js"
import { endOfPeriod, IsoDate, maxDate, PlausibleDate } from "./CalendarDate.js"
import { BeneficiaryId } from "./Beneficiary.js"
import { InstitutionId } from "./Institution.js"
import { OfferId, NoCapacityLeft, remainingCapacity } from "./MunicipalOffer.js"
import {
  type NoProcedureInForce,
  ProcedureId,
  type ProcedureRuleSet,
  ruleSetById,
  ruleSetInForce,
  ruleSets,
  TerminationGround,
} from "./ProcedureRuleSet.js"
import { defaultCalendar, timeLimitEnd, type WorkingCalendar } from "./WorkingDays.js"

/** Opaque identifier of an agreement (from the intent on). */
export const AgreementId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("AgreementId"),
  Schema.annotations({ identifier: "AgreementId" }),
)
/** Opaque identifier of an agreement. */
export type AgreementId = typeof AgreementId.Type

/** Where an agreement stands. `terminated`, `expired` and `closed` are final. */
export const AgreementState = Schema.Literal(
  "intent_declared",
  "matched",
  "active",
  "terminated",
  "expired",
  "closed",
).annotations({ identifier: "AgreementState" })
/** Where an agreement stands. */
export type AgreementState = typeof AgreementState.Type

/** The actions on an agreement after the intent. */
export const AgreementAction = Schema.Literal(
  "match",
  "conclude",
  "extend",
  "terminate",
  "close",
).annotations({
  identifier: "AgreementAction",
})
/** The actions on an agreement after the intent. */
export type AgreementAction = typeof AgreementAction.Type

/** An instant, ISO 8601 UTC, when an event was recorded. */
const Instant = Schema.String.annotations({ description: "ISO 8601 instant, UTC" })
const Actor = Schema.String.annotations({ description: "Who recorded it (principal id)" })
const Text = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(2000))

const event = <T extends string, F extends Schema.Struct.Fields>(type: T, data: F) =>
  Schema.Struct({ type: Schema.Literal(type), at: Instant, by: Actor, data: Schema.Struct(data) })

/** The beneficiary stated the wish to conclude an agreement. */
export const IntentDeclared = event("intent_declared", {
  agreementId: AgreementId,
  beneficiaryId: BeneficiaryId,
  statusDecisionDate: IsoDate,
  intentDate: IsoDate,
  procedureId: ProcedureId,
  intentDeadline: Schema.optional(IsoDate),
  intentLate: Schema.Boolean,
}).annotations({ identifier: "IntentDeclared" })

/** SAR linked the beneficiary to a municipality's offer. */
export const Matched = event("matched", {
  offerId: OfferId,
  municipalityId: InstitutionId,
  date: IsoDate,
}).annotations({ identifier: "Matched" })

/** The mayor or an authorised official concluded the agreement. */
export const Concluded = event("concluded", {
  date: IsoDate,
  signedBy: Text,
  startDate: IsoDate,
  endDate: IsoDate,
}).annotations({ identifier: "Concluded" })

/** The agreement was extended; `endDate` is the new last day. */
export const Extended = event("extended", { date: IsoDate, endDate: IsoDate }).annotations({
  identifier: "Extended",
})

/** The agreement was terminated on a ground of its rule set. */
export const Terminated = event("terminated", {
  ground: TerminationGround,
  date: PlausibleDate,
  initiator: Text,
}).annotations({ identifier: "Terminated" })

/** An intent or a match ended without an agreement (withdrawn, lapsed, refused). */
export const Closed = event("closed", { date: IsoDate, reason: Text }).annotations({ identifier: "Closed" })

/** Any event of an agreement's history. */
export const AgreementEvent = Schema.Union(
  IntentDeclared,
  Matched,
  Concluded,
  Extended,
  Terminated,
  Closed,
).annotations({ identifier: "AgreementEvent" })
/** Any event of an agreement's history. */
export type AgreementEvent = typeof AgreementEvent.Type

/** An agreement as its events leave it. `version` counts its events. */
export class Agreement extends Schema.Class<Agreement>("Agreement")({
  id: AgreementId,
  beneficiaryId: BeneficiaryId,
  procedureId: ProcedureId,
  state: AgreementState,
  statusDecisionDate: IsoDate,
  intentDate: IsoDate,
  intentDeadline: Schema.optional(IsoDate),
  intentLate: Schema.Boolean,
  offerId: Schema.optional(OfferId),
  municipalityId: Schema.optional(InstitutionId),
  matchedOn: Schema.optional(IsoDate),
  concludedOn: Schema.optional(IsoDate),
  signedBy: Schema.optional(Schema.String),
  startDate: Schema.optional(IsoDate),
  endDate: Schema.optional(IsoDate),
  extensions: Schema.Int,
  extendedOn: Schema.optional(IsoDate),
  terminatedOn: Schema.optional(IsoDate),
  terminationGround: Schema.optional(TerminationGround),
  initiator: Schema.optional(Schema.String),
  closedOn: Schema.optional(IsoDate),
  closeReason: Schema.optional(Schema.String),
  version: Schema.Int,
}) {}

/**
 * An agreement as the API shows it on a day: its state then and the actions allowed then to
 * the caller (none to a caller who may not change agreements); `planAllowed` says whether the
 * caller may set its integration plan on that day. Clients show these and recompute nothing.
 */
export const AgreementView = Schema.Struct({
  ...Agreement.fields,
  asOf: Schema.optional(IsoDate),
  allowedActions: Schema.Array(AgreementAction),
  planAllowed: Schema.optional(Schema.Boolean),
}).annotations({ identifier: "AgreementView" })
/** An agreement as the API shows it on a day. */
export type AgreementView = typeof AgreementView.Type

/** No agreement has the given id (or the caller may not learn it exists). */
export class AgreementNotFound extends Schema.TaggedError<AgreementNotFound>()("AgreementNotFound", {
  agreementId: Schema.String,
}) {}

/** The action is not allowed in the record's current state. */
export class IllegalTransition extends Schema.TaggedError<IllegalTransition>()("IllegalTransition", {
  entity: Schema.String,
  action: Schema.String,
  currentState: Schema.String,
  message: Schema.String,
}) {}

/** The agreement has been extended as often as its rule set allows. */
export class ExtensionLimitReached extends Schema.TaggedError<ExtensionLimitReached>()(
  "ExtensionLimitReached",
  {
    agreementId: Schema.String,
    maxExtensions: Schema.Int,
    currentState: Schema.String,
  },
) {}

/** The ground is not one the governing rule set lists. */
export class GroundNotInRuleSet extends Schema.TaggedError<GroundNotInRuleSet>()("GroundNotInRuleSet", {
  ground: Schema.String,
  procedureId: Schema.String,
  allowed: Schema.Array(Schema.String),
}) {}

/** A step is dated before the step it follows. */
export class DateOutOfOrder extends Schema.TaggedError<DateOutOfOrder>()("DateOutOfOrder", {
  date: Schema.String,
  earliest: Schema.String,
  message: Schema.String,
}) {}

/** The agreement changed since the client read it (`If-Match` named an older version). */
export class AgreementVersionStale extends Schema.TaggedError<AgreementVersionStale>()(
  "AgreementVersionStale",
  {
    entity: Schema.String,
    expectedVersion: Schema.Int,
    currentVersion: Schema.Int,
  },
) {}

/** Who records an event, and when. */
export interface Recorded {
  readonly at: string
  readonly by: string
}

/** The state an agreement is in on `date`: an active one whose term ended before reads `expired`. */
export const stateOn = (a: Agreement, date: IsoDate): AgreementState =>
  a.state === "active" && a.endDate !== undefined && a.endDate < date ? "expired" : a.state

/** The rule set that governs an agreement (the one in force on its intent date). */
export const governingRuleSet = (a: { readonly procedureId: string }): ProcedureRuleSet =>
  Either.getOrThrowWith(ruleSetById(a.procedureId), (e) => new Error(`unknown rule set ${e.procedureId}`))

/** The actions allowed on `date`. */
export const allowedActions = (
  a: Agreement,
  date: IsoDate,
  ruleSet: ProcedureRuleSet = governingRuleSet(a),
): ReadonlyArray<AgreementAction> => {
  switch (stateOn(a, date)) {
    case "intent_declared":
      return ["match", "close"]
    case "matched":
      return ["conclude", "close"]
    case "active":
      return a.extensions < ruleSet.maxExtensions ? ["extend", "terminate"] : ["terminate"]
    default:
      return []
  }
}

/** Whether an agreement can take an integration plan on `date`: only once matched, while it runs. */
export const canTakePlan = (a: Agreement, date: IsoDate): boolean => {
  const state = stateOn(a, date)
  return state === "matched" || state === "active"
}

/**
 * The API's view of an agreement on `asOf`. `mayChange` is whether the caller may change
 * agreements at all (see Access.ts); without that right no action is offered.
 */
export const viewAsOf = (a: Agreement, asOf: IsoDate, mayChange = true): AgreementView => ({
  ...a,
  state: stateOn(a, asOf),
  asOf,
  allowedActions: mayChange ? allowedActions(a, asOf) : [],
  planAllowed: mayChange && canTakePlan(a, asOf),
})

/**
 * An agreement as a list shows it: its view and its beneficiary's pseudonym, so that a list
 * can be read and searched without opening each case. Never the name: a list goes to roles
 * that may not read personal data too.
 */
export const AgreementListItem = Schema.Struct({
  ...AgreementView.fields,
  beneficiaryPseudonym: Schema.String,
}).annotations({ identifier: "AgreementListItem" })
/** An agreement in a list. */
export type AgreementListItem = typeof AgreementListItem.Type

/** A page of agreements, as `GET /v1/agreements` answers it; `total` counts every page. */
export const AgreementPage = Schema.Struct({
  items: Schema.Array(AgreementListItem),
  nextCursor: Schema.NullOr(Schema.String),
  total: Schema.Int.pipe(Schema.nonNegative()),
}).annotations({ identifier: "AgreementPage" })
/** A page of agreements. */
export type AgreementPage = typeof AgreementPage.Type

/** An agreement's history, oldest event first, as `GET /v1/agreements/{id}/events` answers it. */
export const AgreementHistory = Schema.Array(AgreementEvent).annotations({ identifier: "AgreementHistory" })
/** An agreement's history. */
export type AgreementHistory = typeof AgreementHistory.Type

/** A place on a municipal offer that an event takes or gives back. */
export interface PlaceMove {
  readonly offerId: OfferId
  readonly move: "take" | "release"
}

/**
 * How an event moves places on offers: a match takes a place on its offer, and closing a
 * matched agreement (a match that ends without an agreement) gives that place back. Other
 * events move none: a concluded agreement keeps its place to the end.
 */
export const placeMove = (before: Agreement | undefined, event: AgreementEvent): PlaceMove | undefined => {
  if (event.type === "matched") return { offerId: event.data.offerId, move: "take" }
  if (event.type === "closed" && before?.state === "matched" && before.offerId !== undefined)
    return { offerId: before.offerId, move: "release" }
  return undefined
}

/** The day the latest step happened; a new step may not be dated before it. */
export const lastStepDate = (a: Agreement): IsoDate =>
  [a.matchedOn, a.concludedOn, a.extendedOn].reduce<IsoDate>(
    (latest, d) => (d === undefined ? latest : maxDate(latest, d)),
    a.intentDate,
  )

/** Applies one event to an agreement (undefined before the intent). */
export const apply = (a: Agreement | undefined, e: AgreementEvent): Agreement => {
  if (e.type === "intent_declared") {
    return new Agreement({
      id: e.data.agreementId,
      beneficiaryId: e.data.beneficiaryId,
      procedureId: e.data.procedureId,
      state: "intent_declared",
      statusDecisionDate: e.data.statusDecisionDate,
      intentDate: e.data.intentDate,
      ...(e.data.intentDeadline === undefined ? {} : { intentDeadline: e.data.intentDeadline }),
      intentLate: e.data.intentLate,
      extensions: 0,
      version: 1,
    })
  }
  if (a === undefined) throw new Error(`an agreement's history must begin with its intent, not ${e.type}`)
  const next = { ...a, version: a.version + 1 }
  switch (e.type) {
    case "matched":
      return new Agreement({
        ...next,
        state: "matched",
        offerId: e.data.offerId,
        municipalityId: e.data.municipalityId,
        matchedOn: e.data.date,
      })
    case "concluded":
      return new Agreement({
        ...next,
        state: "active",
        concludedOn: e.data.date,
        signedBy: e.data.signedBy,
        startDate: e.data.startDate,
        endDate: e.data.endDate,
      })
    case "extended":
      return new Agreement({
        ...next,
        extensions: a.extensions + 1,
        extendedOn: e.data.date,
        endDate: e.data.endDate,
      })
    case "terminated":
      return new Agreement({
        ...next,
        state: "terminated",
        terminatedOn: e.data.date,
        terminationGround: e.data.ground,
        initiator: e.data.initiator,
      })
    case "closed":
      return new Agreement({ ...next, state: "closed", closedOn: e.data.date, closeReason: e.data.reason })
  }
}

/** Rebuilds an agreement from its history, oldest event first. */
export const replay = (events: ReadonlyArray<AgreementEvent>): Agreement => {
  const result = events.reduce<Agreement | undefined>(apply, undefined)
  if (result === undefined) throw new Error("an agreement has at least its intent event")
  return result
}

const illegal = (a: Agreement, action: AgreementAction, date: IsoDate) => {
  const currentState = stateOn(a, date)
  return new IllegalTransition({
    entity: `agreement:${a.id}`,
    action,
    currentState,
    message: `An agreement that is ${currentState} cannot ${action}.`,
  })
}

const inOrder = (a: Agreement, date: IsoDate): Either.Either<void, DateOutOfOrder> => {
  const earliest = lastStepDate(a)
  return date < earliest
    ? Either.left(
        new DateOutOfOrder({
          date,
          earliest,
          message: `The date ${date} is before the previous step (${earliest}).`,
        }),
      )
    : Either.right(undefined)
}

/** The intent's time limit under a rule set, on `calendar`'s working days: none when the rule set sets none. */
export const intentDeadline = (
  ruleSet: ProcedureRuleSet,
  statusDecisionDate: IsoDate,
  calendar: WorkingCalendar = defaultCalendar,
): IsoDate | undefined =>
  ruleSet.intentTimeLimitDays === undefined
    ? undefined
    : timeLimitEnd(statusDecisionDate, ruleSet.intentTimeLimitDays, calendar)

/**
 * Records an intent. The rule set in force on the intent date governs the agreement; a late
 * intent (after the rule set's limit) is flagged, not refused: the authority decides.
 */
export const declareIntent = (
  input: Recorded & {
    readonly agreementId: AgreementId
    readonly beneficiary: { readonly id: BeneficiaryId; readonly statusDecisionDate: IsoDate }
    readonly intentDate: IsoDate
    /** The working calendar the time limit is counted on; the shipped one by default. */
    readonly calendar?: WorkingCalendar | undefined
  },
  from: ReadonlyArray<ProcedureRuleSet> = ruleSets,
): Either.Either<typeof IntentDeclared.Type, NoProcedureInForce | DateOutOfOrder> =>
  Either.flatMap(ruleSetInForce(input.intentDate, from), (ruleSet) =>
    // Only a rule set that takes the wish during the status procedure takes it before the decision.
    input.intentDate < input.beneficiary.statusDecisionDate && ruleSet.intentDuringStatusProcedure !== true
      ? Either.left(
          new DateOutOfOrder({
            date: input.intentDate,
            earliest: input.beneficiary.statusDecisionDate,
            message: `The intent date ${input.intentDate} is before the status decision (${input.beneficiary.statusDecisionDate}).`,
          }),
        )
      : Either.right(ruleSet),
  ).pipe(
    Either.map((ruleSet) => {
      const deadline = intentDeadline(ruleSet, input.beneficiary.statusDecisionDate, input.calendar)
      return {
        type: "intent_declared" as const,
        at: input.at,
        by: input.by,
        data: {
          agreementId: input.agreementId,
          beneficiaryId: input.beneficiary.id,
          statusDecisionDate: input.beneficiary.statusDecisionDate,
          intentDate: input.intentDate,
          procedureId: ruleSet.id,
          ...(deadline === undefined ? {} : { intentDeadline: deadline }),
          intentLate: deadline !== undefined && input.intentDate > deadline,
        },
      }
    }),
  )

/** Links the beneficiary to an offer with a place left. */
export const match = (
  a: Agreement,
  command: Recorded & {
    readonly offer: {
      readonly id: OfferId
      readonly municipalityId: InstitutionId
      readonly capacity: number
      readonly taken: number
    }
    readonly date: IsoDate
  },
): Either.Either<typeof Matched.Type, IllegalTransition | DateOutOfOrder | NoCapacityLeft> =>
  Either.gen(function* () {
    if (stateOn(a, command.date) !== "intent_declared")
      return yield* Either.left(illegal(a, "match", command.date))
    yield* inOrder(a, command.date)
    if (remainingCapacity(command.offer) <= 0)
      return yield* Either.left(
        new NoCapacityLeft({ offerId: command.offer.id, capacity: command.offer.capacity }),
      )
    return {
      type: "matched" as const,
      at: command.at,
      by: command.by,
      data: { offerId: command.offer.id, municipalityId: command.offer.municipalityId, date: command.date },
    }
  })

/** Concludes a matched agreement: it runs from `date` for the rule set's term. */
export const conclude = (
  a: Agreement,
  command: Recorded & { readonly date: IsoDate; readonly signedBy: string },
  ruleSet: ProcedureRuleSet = governingRuleSet(a),
): Either.Either<typeof Concluded.Type, IllegalTransition | DateOutOfOrder> =>
  Either.gen(function* () {
    if (stateOn(a, command.date) !== "matched")
      return yield* Either.left(illegal(a, "conclude", command.date))
    yield* inOrder(a, command.date)
    return {
      type: "concluded" as const,
      at: command.at,
      by: command.by,
      data: {
        date: command.date,
        signedBy: command.signedBy,
        startDate: command.date,
        endDate: endOfPeriod(command.date, ruleSet.termMonths),
      },
    }
  })

/** Extends an active agreement by the rule set's extension, at most `maxExtensions` times. */
export const extend = (
  a: Agreement,
  command: Recorded & { readonly date: IsoDate },
  ruleSet: ProcedureRuleSet = governingRuleSet(a),
): Either.Either<typeof Extended.Type, IllegalTransition | ExtensionLimitReached | DateOutOfOrder> =>
  Either.gen(function* () {
    if (stateOn(a, command.date) !== "active") return yield* Either.left(illegal(a, "extend", command.date))
    if (a.extensions >= ruleSet.maxExtensions)
      return yield* Either.left(
        new ExtensionLimitReached({
          agreementId: a.id,
          maxExtensions: ruleSet.maxExtensions,
          currentState: a.state,
        }),
      )
    yield* inOrder(a, command.date)
    const months = ruleSet.termMonths + ruleSet.extensionMonths * (a.extensions + 1)
    return {
      type: "extended" as const,
      at: command.at,
      by: command.by,
      data: { date: command.date, endDate: endOfPeriod(a.startDate ?? a.intentDate, months) },
    }
  })

/** Terminates an active agreement on a ground its governing rule set lists. */
export const terminate = (
  a: Agreement,
  command: Recorded & { readonly ground: string; readonly date: IsoDate; readonly initiator: string },
  ruleSet: ProcedureRuleSet = governingRuleSet(a),
): Either.Either<typeof Terminated.Type, IllegalTransition | GroundNotInRuleSet | DateOutOfOrder> =>
  Either.gen(function* () {
    if (stateOn(a, command.date) !== "active")
      return yield* Either.left(illegal(a, "terminate", command.date))
    if (!ruleSet.terminationGrounds.includes(command.ground))
      return yield* Either.left(
        new GroundNotInRuleSet({
          ground: command.ground,
          procedureId: ruleSet.id,
          allowed: ruleSet.terminationGrounds,
        }),
      )
    yield* inOrder(a, command.date)
    return {
      type: "terminated" as const,
      at: command.at,
      by: command.by,
      data: { ground: command.ground, date: command.date, initiator: command.initiator },
    }
  })

/** Closes an intent or a match that ends without an agreement. */
export const close = (
  a: Agreement,
  command: Recorded & { readonly date: IsoDate; readonly reason: string },
): Either.Either<typeof Closed.Type, IllegalTransition | DateOutOfOrder> =>
  Either.gen(function* () {
    const state = stateOn(a, command.date)
    if (state !== "intent_declared" && state !== "matched")
      return yield* Either.left(illegal(a, "close", command.date))
    yield* inOrder(a, command.date)
    return {
      type: "closed" as const,
      at: command.at,
      by: command.by,
      data: { date: command.date, reason: command.reason },
    }
  })

/** What a client sends to declare an intent. */
export class NewIntent extends Schema.Class<NewIntent>("NewIntent")({
  beneficiaryId: BeneficiaryId,
  intentDate: PlausibleDate,
}) {}

/** Body of `match`. */
export class MatchRequest extends Schema.Class<MatchRequest>("MatchRequest")({
  offerId: OfferId,
  date: PlausibleDate,
}) {}

/** Body of `conclude`. */
export class ConcludeRequest extends Schema.Class<ConcludeRequest>("ConcludeRequest")({
  date: PlausibleDate,
  signedBy: Text,
}) {}

/** Body of `extend`. */
export class ExtendRequest extends Schema.Class<ExtendRequest>("ExtendRequest")({ date: PlausibleDate }) {}

/** Body of `terminate`. */
export class TerminateRequest extends Schema.Class<TerminateRequest>("TerminateRequest")({
  ground: TerminationGround,
  date: PlausibleDate,
  initiator: Text,
}) {}

/** Body of `close`. */
export class CloseRequest extends Schema.Class<CloseRequest>("CloseRequest")({
  date: PlausibleDate,
  reason: Text,
}) {}
