/**
 * Locked periods (design/reports.md, "Versions, submission and locks"): submitting a report
 * version locks the project's records dated inside its period; a change to one is refused
 * (`PeriodLocked`) until an admin unlocks the period with a reason, and every correction made
 * after that is a revision the next report lists.
 *
 * A record is dated by a span of days: an event's records (participations, attendance, sheet
 * imports) by the event's days, a dissemination activity by its date, a progress text by the
 * period it reports on. The rule here decides, from a project's locks, whether a span may change.
 * @module
 */
import { Schema } from "effect"
import { type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"

/** Days a record is dated by, both inclusive (one day: `start === end`). */
export interface DateSpan {
  readonly start: IsoDate
  readonly end: IsoDate
}

/** A lock as the rule reads it: its period, and when it was unlocked (if it was). */
export interface LockFacts {
  readonly id: string
  readonly periodStart: IsoDate
  readonly periodEnd: IsoDate
  readonly unlockedAt?: string | undefined
}

/** What a change to a record dated in `span` meets: nothing, a lock, or an unlocked period (a revision). */
export type LockDecision<L extends LockFacts> =
  | { readonly _tag: "Open" }
  | { readonly _tag: "Locked"; readonly lock: L }
  | { readonly _tag: "Revision"; readonly lock: L }

const overlaps = (lock: LockFacts, span: DateSpan) =>
  lock.periodStart <= span.end && span.start <= lock.periodEnd

const latestUnlocked = <L extends LockFacts>(a: L, b: L) =>
  (a.unlockedAt ?? "") >= (b.unlockedAt ?? "") ? a : b

/**
 * Whether a record dated in `span` may change: `Locked` when a lock still in force overlaps it
 * (the earliest such lock by period), `Revision` when only unlocked locks do (the most recently
 * unlocked one, whose reason the revision carries), `Open` otherwise.
 */
export const lockDecision = <L extends LockFacts>(
  locks: ReadonlyArray<L>,
  span: DateSpan,
): LockDecision<L> => {
  const touching = locks.filter((l) => overlaps(l, span))
  const inForce = touching
    .filter((l) => l.unlockedAt === undefined)
    .sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0))
  if (inForce[0]) return { _tag: "Locked", lock: inForce[0] }
  const unlocked = touching.reduce<L | undefined>(
    (found, l) => (found ? latestUnlocked(found, l) : l),
    undefined,
  )
  return unlocked ? { _tag: "Revision", lock: unlocked } : { _tag: "Open" }
}

/** The span of an event's days (its records are dated by them). */
export const eventSpan = (event: { readonly startDate: IsoDate; readonly endDate: IsoDate }): DateSpan => ({
  start: event.startDate,
  end: event.endDate,
})

/** The span of one day. */
export const daySpan = (day: IsoDate): DateSpan => ({ start: day, end: day })

/** Where a lock stands. */
export const LockStatus = Schema.Literal("locked", "unlocked").annotations({ identifier: "LockStatus" })

/** A locked period as the API shows it. */
export const PeriodLockView = Schema.Struct({
  id: Schema.String,
  projectId: Schema.String,
  reportId: Schema.String.annotations({ description: "The submitted report version that locked the period" }),
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  status: LockStatus,
  lockedAt: Schema.String,
  lockedBy: Schema.String,
  unlockedAt: Schema.optional(Schema.String),
  unlockedBy: Schema.optional(Schema.String),
  reason: Schema.optional(Schema.String.annotations({ description: "Why the admin unlocked it" })),
}).annotations({ identifier: "PeriodLock" })
/** A locked period as the API shows it. */
export type PeriodLockView = typeof PeriodLockView.Type

/** One correction of a locked period, made after an admin unlocked it. */
export const RevisionView = Schema.Struct({
  id: Schema.String,
  projectId: Schema.String,
  lockId: Schema.String,
  at: Schema.String,
  actor: Schema.String,
  entity: Schema.String.annotations({ description: "kind:id of the corrected record" }),
  change: Schema.String.annotations({ description: "What changed, without names" }),
  unlockedBy: Schema.String,
  reason: Schema.String,
}).annotations({ identifier: "Revision" })
/** One correction of a locked period. */
export type RevisionView = typeof RevisionView.Type

/** What a client sends to submit a ready report version. */
export class SubmitReport extends Schema.Class<SubmitReport>("SubmitReport")({
  note: Schema.optional(Schema.String.pipe(Schema.maxLength(2000))),
}) {}

/** What an admin sends to unlock a period: the reason is required, and becomes every revision's. */
export class UnlockPeriod extends Schema.Class<UnlockPeriod>("UnlockPeriod")({
  reason: Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(2000)),
}) {}

/** A change to a record dated inside a submitted period, refused until an admin unlocks it. */
export class PeriodLocked extends Schema.TaggedError<PeriodLocked>()("PeriodLocked", {
  message: Schema.String,
  projectId: Schema.String,
  lockId: Schema.String,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
}) {}

/** The refusal of a change dated in `span` that a lock in force covers. */
export const periodLocked = (projectId: string, lock: LockFacts, span: DateSpan): PeriodLocked =>
  new PeriodLocked({
    message: `Records dated ${span.start === span.end ? span.start : `${span.start} – ${span.end}`} are in the period ${lock.periodStart} – ${lock.periodEnd}, locked by a submitted report; an admin must unlock it first.`,
    projectId,
    lockId: lock.id,
    periodStart: lock.periodStart,
    periodEnd: lock.periodEnd,
  })

/** No lock has the given id in the project. */
export class LockNotFound extends Schema.TaggedError<LockNotFound>()("LockNotFound", {
  lockId: Schema.String,
}) {}

/** The lock was unlocked already. */
export class LockNotInForce extends Schema.TaggedError<LockNotInForce>()("LockNotInForce", {
  lockId: Schema.String,
  unlockedAt: Schema.String,
}) {}

/** The report version was submitted already; a submitted version never changes. */
export class ReportAlreadySubmitted extends Schema.TaggedError<ReportAlreadySubmitted>()(
  "ReportAlreadySubmitted",
  { reportId: Schema.String, submittedAt: Schema.String },
) {}

/**
 * The records changed since the version was generated (its content, computed again at
 * submission, differs): it is not submitted, and a new generation is needed.
 */
export class ReportOutdated extends Schema.TaggedError<ReportOutdated>()("ReportOutdated", {
  message: Schema.String,
  reportId: Schema.String,
}) {}

/**
 * A stored report file no longer matches the SHA-256 recorded when it was generated: nothing
 * is sent, and the defect is logged for an operator.
 */
export class ReportFileAltered extends Schema.TaggedError<ReportFileAltered>()("ReportFileAltered", {
  message: Schema.String,
  reportId: Schema.String,
  format: Schema.String,
}) {}
