/**
 * The review of how the ordinance works, computed from the records as a fold: rows of
 * agreements, offers, plan measures and tasks are added one at a time (so a store can stream
 * them), and `finishReview` gives, per rule set, planning region, province or municipality,
 * the funnel, late intents, median days between steps, termination grounds, offers and their
 * uptake, measures by area and status, and overdue tasks by institution. Counts only, never
 * names.
 *
 * The accumulator is mutable for speed and owned by the fold that created it.
 * @module
 */
import { Either, Schema } from "effect"
import { type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"
import { isOverdue } from "./CoordinationTask.js"
import { type MeasureStatus, measureStatusOn } from "./IntegrationPlan.js"
import { fastDayNumber } from "./internal/DayNumber.js"
import { type Histogram, histogramMedian } from "./internal/Histogram.js"
import { ruleSetInForce } from "./ProcedureRuleSet.js"

/** What the review groups by. */
export const ReviewGroupBy = Schema.Literal(
  "procedure",
  "planningRegion",
  "province",
  "municipality",
).annotations({
  identifier: "ReviewGroupBy",
})
/** What the review groups by. */
export type ReviewGroupBy = typeof ReviewGroupBy.Type

/** The key of records with no municipality yet (intents not matched). */
export const unassigned = "unassigned"
/** The key of a municipality with no planning region or province on file. */
export const unknownPlace = "unknown"

/** An agreement, as the review reads it. */
export interface ReviewAgreementRow {
  readonly procedureId: string
  readonly municipalityId?: string | null | undefined
  readonly statusDecisionDate: string
  readonly intentDate: string
  readonly intentLate: boolean
  readonly matchedOn?: string | null | undefined
  readonly concludedOn?: string | null | undefined
  readonly extendedOn?: string | null | undefined
  readonly endDate?: string | null | undefined
  readonly terminatedOn?: string | null | undefined
  readonly terminationGround?: string | null | undefined
  readonly closedOn?: string | null | undefined
}

/** A municipal offer, as the review reads it. */
export interface ReviewOfferRow {
  readonly municipalityId: string
  readonly date: string
  readonly capacity: number
}

/** Where a plan measure or a task belongs: its agreement's rule set and municipality. */
export interface ReviewPlacement {
  readonly procedureId: string
  readonly municipalityId?: string | null | undefined
}

/** A plan measure, as the review reads it. */
export interface ReviewMeasureRow extends ReviewPlacement {
  readonly area: string
  readonly status: MeasureStatus
  readonly dueDate: string
  readonly doneOn?: string | null | undefined
}

/** A coordination task, as the review reads it. */
export interface ReviewTaskRow extends ReviewPlacement {
  readonly institutionId: string
  readonly openedOn: string
  readonly dueDate: string
  readonly doneOn?: string | null | undefined
}

/** Where a municipality lies. */
export interface ReviewPlace {
  readonly planningRegion?: string | undefined
  readonly province?: string | undefined
  /** The municipality's name, shown beside its key. */
  readonly name?: string | undefined
}

/** How a review is asked for. */
export interface ReviewOptions {
  readonly groupBy: ReviewGroupBy
  readonly asOf: IsoDate
  /** The planning region and province of a municipality (an institution id). */
  readonly placeOf: (municipalityId: string) => ReviewPlace | undefined
}

const Count = Schema.Int
const Counts = Schema.Record({ key: Schema.String, value: Count })
const Median = Schema.NullOr(Schema.Number)

/** The funnel: the first four count agreements that reached the step by `asOf`, the last three final states on `asOf`. */
export const ReviewFunnel = Schema.Struct({
  intents: Count,
  matched: Count,
  concluded: Count,
  extended: Count,
  terminated: Count,
  expired: Count,
  closed: Count,
}).annotations({ identifier: "ReviewFunnel" })
/** The funnel. */
export type ReviewFunnel = typeof ReviewFunnel.Type

/** Measures by status. */
export const MeasureCounts = Schema.Struct({
  planned: Count,
  in_progress: Count,
  done: Count,
  missed: Count,
  cancelled: Count,
}).annotations({
  identifier: "MeasureCounts",
})

/** The review of one group. */
export const ReviewGroup = Schema.Struct({
  key: Schema.String,
  label: Schema.optional(Schema.String),
  funnel: ReviewFunnel,
  lateIntents: Count,
  lateIntentShare: Schema.NullOr(Schema.Number),
  medianDays: Schema.Struct({
    statusToIntent: Median,
    intentToMatch: Median,
    matchToConclude: Median,
    intentToConclude: Median,
  }),
  terminationGrounds: Counts,
  offers: Schema.Struct({
    count: Count,
    capacity: Count,
    placesTaken: Count.annotations({
      description: "Matches holding a place on asOf (a closed match gives its place back)",
    }),
    uptake: Schema.NullOr(Schema.Number).annotations({ description: "placesTaken / capacity" }),
  }),
  measures: Schema.Record({ key: Schema.String, value: MeasureCounts }),
  overdueTasks: Schema.Struct({ total: Count, byInstitution: Counts }),
}).annotations({ identifier: "ReviewGroup" })
/** The review of one group. */
export type ReviewGroup = typeof ReviewGroup.Type

/** The whole review: one entry per group, sorted by key, and the total over all. */
export const Review = Schema.Struct({
  asOf: IsoDateSchema,
  groupBy: ReviewGroupBy,
  groups: Schema.Array(ReviewGroup),
  total: ReviewGroup,
}).annotations({ identifier: "Review" })
/** The whole review. */
export type Review = typeof Review.Type

/** Counts of whole numbers: medians over 100,000 rows without keeping or sorting them all. */

interface GroupAcc {
  funnel: { -readonly [K in keyof ReviewFunnel]: number }
  lateIntents: number
  days: {
    statusToIntent: Histogram
    intentToMatch: Histogram
    matchToConclude: Histogram
    intentToConclude: Histogram
  }
  grounds: Map<string, number>
  offers: { count: number; capacity: number; placesTaken: number }
  measures: Map<
    string,
    { planned: number; in_progress: number; done: number; missed: number; cancelled: number }
  >
  overdue: Map<string, number>
  overdueTotal: number
}

/** A review being folded. */
export interface ReviewAccumulator {
  readonly options: ReviewOptions
  readonly groups: Map<string, GroupAcc>
  readonly total: GroupAcc
}

const emptyGroup = (): GroupAcc => ({
  funnel: { intents: 0, matched: 0, concluded: 0, extended: 0, terminated: 0, expired: 0, closed: 0 },
  lateIntents: 0,
  days: {
    statusToIntent: new Map(),
    intentToMatch: new Map(),
    matchToConclude: new Map(),
    intentToConclude: new Map(),
  },
  grounds: new Map(),
  offers: { count: 0, capacity: 0, placesTaken: 0 },
  measures: new Map(),
  overdue: new Map(),
  overdueTotal: 0,
})

/** Starts a review. */
export const startReview = (options: ReviewOptions): ReviewAccumulator => ({
  options,
  groups: new Map(),
  total: emptyGroup(),
})

const placeKey = (acc: ReviewAccumulator, municipalityId: string | null | undefined): string => {
  const by = acc.options.groupBy
  if (municipalityId == null) return unassigned
  if (by === "municipality") return municipalityId
  const place = acc.options.placeOf(municipalityId)
  return (by === "planningRegion" ? place?.planningRegion : place?.province) ?? unknownPlace
}

/** The group a record belongs to. */
export const groupKey = (acc: ReviewAccumulator, row: ReviewPlacement): string =>
  acc.options.groupBy === "procedure" ? row.procedureId : placeKey(acc, row.municipalityId)

const groupOf = (acc: ReviewAccumulator, key: string): GroupAcc => {
  let g = acc.groups.get(key)
  if (!g) {
    g = emptyGroup()
    acc.groups.set(key, g)
  }
  return g
}

const reached = (d: string | null | undefined, asOf: string): d is string => d != null && d <= asOf
const days = (from: string, to: string) => fastDayNumber(to) - fastDayNumber(from)
const count = (h: Histogram, value: number, n: number) => h.set(value, (h.get(value) ?? 0) + n)

/** Where an agreement stands on a date: the funnel steps it reached and whether it holds an offered place. */
export interface AgreementSteps {
  readonly matched: boolean
  readonly concluded: boolean
  readonly extended: boolean
  readonly terminated: boolean
  /** Concluded, past its end date and not terminated. */
  readonly expired: boolean
  readonly closed: boolean
  /** Matched and not closed: the match holds a place of its municipality's offer. */
  readonly holdsPlace: boolean
}

/** The funnel steps an agreement reached by `asOf` (a store's SQL forms are checked against it). */
export const agreementStepsOn = (row: ReviewAgreementRow, asOf: string): AgreementSteps => {
  const matched = reached(row.matchedOn, asOf)
  const concluded = reached(row.concludedOn, asOf)
  const terminated = reached(row.terminatedOn, asOf)
  const closed = reached(row.closedOn, asOf)
  return {
    matched,
    concluded,
    extended: reached(row.extendedOn, asOf),
    terminated,
    expired: !terminated && concluded && row.endDate != null && row.endDate < asOf,
    closed,
    holdsPlace: matched && !closed,
  }
}

/** The four durations the review takes medians of. */
export type ReviewDuration = "statusToIntent" | "intentToMatch" | "matchToConclude" | "intentToConclude"

/** The durations the review takes medians of, in days, of one agreement on `asOf` (absent when a step is not reached). */
export const agreementDurationsOn = (
  row: ReviewAgreementRow,
  asOf: string,
): Partial<Record<ReviewDuration, number>> => {
  const steps = agreementStepsOn(row, asOf)
  return {
    statusToIntent: days(row.statusDecisionDate, row.intentDate),
    ...(steps.matched ? { intentToMatch: days(row.intentDate, row.matchedOn!) } : {}),
    ...(steps.concluded ? { intentToConclude: days(row.intentDate, row.concludedOn!) } : {}),
    ...(steps.concluded && steps.matched ? { matchToConclude: days(row.matchedOn!, row.concludedOn!) } : {}),
  }
}

/** The durations, in the order a store reads them. */
export const reviewDurations: ReadonlyArray<ReviewDuration> = [
  "statusToIntent",
  "intentToMatch",
  "matchToConclude",
  "intentToConclude",
]

const addAgreementTo = (g: GroupAcc, row: ReviewAgreementRow, asOf: string) => {
  const steps = agreementStepsOn(row, asOf)
  g.funnel.intents++
  if (row.intentLate) g.lateIntents++
  if (steps.matched) g.funnel.matched++
  if (steps.concluded) g.funnel.concluded++
  if (steps.extended) g.funnel.extended++
  if (steps.terminated) {
    g.funnel.terminated++
    const ground = row.terminationGround ?? unknownPlace
    g.grounds.set(ground, (g.grounds.get(ground) ?? 0) + 1)
  }
  if (steps.expired) g.funnel.expired++
  if (steps.closed) g.funnel.closed++
  if (steps.holdsPlace) g.offers.placesTaken++
  const durations = agreementDurationsOn(row, asOf)
  for (const key of reviewDurations) {
    const d = durations[key]
    if (d !== undefined) count(g.days[key], d, 1)
  }
}

/**
 * Counts of agreements (all with intents on or before `asOf`) already classified with
 * {@link agreementStepsOn}, as a store counts them in the database.
 */
export interface AgreementCounts {
  readonly intents: number
  readonly lateIntents: number
  readonly matched: number
  readonly concluded: number
  readonly extended: number
  readonly terminated: number
  readonly expired: number
  readonly closed: number
  readonly holdsPlace: number
}

/** Adds agreements counted by their steps on `asOf`. */
export const addAgreementCounts = (
  acc: ReviewAccumulator,
  placement: ReviewPlacement,
  counts: AgreementCounts,
): void => {
  for (const g of [groupOf(acc, groupKey(acc, placement)), acc.total]) {
    g.funnel.intents += counts.intents
    g.lateIntents += counts.lateIntents
    g.funnel.matched += counts.matched
    g.funnel.concluded += counts.concluded
    g.funnel.extended += counts.extended
    g.funnel.terminated += counts.terminated
    g.funnel.expired += counts.expired
    g.funnel.closed += counts.closed
    g.offers.placesTaken += counts.holdsPlace
  }
}

/** Adds `n` agreements terminated by `asOf` on `ground` (null: not recorded). */
export const addTerminations = (
  acc: ReviewAccumulator,
  placement: ReviewPlacement,
  ground: string | null,
  n: number,
): void => {
  const key = ground ?? unknownPlace
  for (const g of [groupOf(acc, groupKey(acc, placement)), acc.total])
    g.grounds.set(key, (g.grounds.get(key) ?? 0) + n)
}

/** Adds `n` agreements whose `duration` (see {@link agreementDurationsOn}) was `value` days. */
export const addDurationCount = (
  acc: ReviewAccumulator,
  placement: ReviewPlacement,
  duration: ReviewDuration,
  value: number,
  n: number,
): void => {
  for (const g of [groupOf(acc, groupKey(acc, placement)), acc.total]) count(g.days[duration], value, n)
}

/** Adds an agreement; one whose intent is after `asOf` did not exist yet and counts nowhere. */
export const addAgreement = (acc: ReviewAccumulator, row: ReviewAgreementRow): void => {
  const asOf = acc.options.asOf
  if (row.intentDate > asOf) return
  addAgreementTo(groupOf(acc, groupKey(acc, row)), row, asOf)
  addAgreementTo(acc.total, row, asOf)
}

/** Adds a municipal offer made by `asOf`; under `procedure` it counts for the rule set in force on its date. */
export const addOffer = (acc: ReviewAccumulator, row: ReviewOfferRow): void => {
  if (row.date > acc.options.asOf) return
  const key =
    acc.options.groupBy === "procedure"
      ? Either.match(ruleSetInForce(row.date as IsoDate), {
          onLeft: () => "none",
          onRight: (r) => r.id as string,
        })
      : placeKey(acc, row.municipalityId)
  for (const g of [groupOf(acc, key), acc.total]) {
    g.offers.count++
    g.offers.capacity += row.capacity
  }
}

/** Adds `count` measures of an area already classified by their status on `asOf`. */
export const addMeasureCount = (
  acc: ReviewAccumulator,
  placement: ReviewPlacement,
  area: string,
  status: MeasureStatus,
  count: number,
): void => {
  for (const g of [groupOf(acc, groupKey(acc, placement)), acc.total]) {
    let m = g.measures.get(area)
    if (!m) {
      m = { planned: 0, in_progress: 0, done: 0, missed: 0, cancelled: 0 }
      g.measures.set(area, m)
    }
    m[status] += count
  }
}

/** Adds a plan measure, classified by its status on `asOf`. */
export const addMeasure = (acc: ReviewAccumulator, row: ReviewMeasureRow): void =>
  addMeasureCount(acc, row, row.area, measureStatusOn(row, acc.options.asOf), 1)

/** Adds `count` tasks of an institution already known to be overdue on `asOf`. */
export const addOverdueTasks = (
  acc: ReviewAccumulator,
  placement: ReviewPlacement,
  institutionId: string,
  count: number,
): void => {
  for (const g of [groupOf(acc, groupKey(acc, placement)), acc.total]) {
    g.overdue.set(institutionId, (g.overdue.get(institutionId) ?? 0) + count)
    g.overdueTotal += count
  }
}

/** Adds a coordination task; only an overdue one counts. */
export const addTask = (acc: ReviewAccumulator, row: ReviewTaskRow): void => {
  if (isOverdue(row, acc.options.asOf)) addOverdueTasks(acc, row, row.institutionId, 1)
}

/** The median of some numbers, or null when there are none. */
export const median = (values: ReadonlyArray<number>): number | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const sortedRecord = <V>(m: Map<string, V>): Record<string, V> =>
  Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

const finishGroup = (key: string, g: GroupAcc, label?: string): ReviewGroup => ({
  key,
  ...(label === undefined ? {} : { label }),
  funnel: { ...g.funnel },
  lateIntents: g.lateIntents,
  lateIntentShare: g.funnel.intents === 0 ? null : g.lateIntents / g.funnel.intents,
  medianDays: {
    statusToIntent: histogramMedian(g.days.statusToIntent),
    intentToMatch: histogramMedian(g.days.intentToMatch),
    matchToConclude: histogramMedian(g.days.matchToConclude),
    intentToConclude: histogramMedian(g.days.intentToConclude),
  },
  terminationGrounds: sortedRecord(g.grounds),
  offers: {
    count: g.offers.count,
    capacity: g.offers.capacity,
    placesTaken: g.offers.placesTaken,
    uptake: g.offers.capacity === 0 ? null : g.offers.placesTaken / g.offers.capacity,
  },
  measures: sortedRecord(new Map([...g.measures].map(([k, v]) => [k, { ...v }]))),
  overdueTasks: { total: g.overdueTotal, byInstitution: sortedRecord(g.overdue) },
})

/** The finished review: groups sorted by key, and the total. */
export const finishReview = (acc: ReviewAccumulator): Review => ({
  asOf: acc.options.asOf,
  groupBy: acc.options.groupBy,
  groups: [...acc.groups.keys()]
    .sort()
    .map((key) =>
      finishGroup(
        key,
        acc.groups.get(key)!,
        acc.options.groupBy === "municipality" ? acc.options.placeOf(key)?.name : undefined,
      ),
    ),
  total: finishGroup("total", acc.total),
})

/** The review of in-memory rows; a store streams them through the same fold instead. */
export const reviewOf = (
  options: ReviewOptions,
  rows: {
    readonly agreements: Iterable<ReviewAgreementRow>
    readonly offers?: Iterable<ReviewOfferRow>
    readonly measures?: Iterable<ReviewMeasureRow>
    readonly tasks?: Iterable<ReviewTaskRow>
  },
): Review => {
  const acc = startReview(options)
  for (const r of rows.agreements) addAgreement(acc, r)
  for (const r of rows.offers ?? []) addOffer(acc, r)
  for (const r of rows.measures ?? []) addMeasure(acc, r)
  for (const r of rows.tasks ?? []) addTask(acc, r)
  return finishReview(acc)
}

/** A step of the funnel, named as in {@link ReviewFunnel}. */
export type FunnelStep = keyof typeof ReviewFunnel.Type

/**
 * The steps where a case can stall in the procedure: the later steps (extension, the final
 * states) follow from time passing, not from an institution acting.
 */
export const stallSteps: ReadonlyArray<readonly [FunnelStep, FunnelStep]> = [
  ["intents", "matched"],
  ["matched", "concluded"],
]

/** Where the procedure stalls most: the stall step that keeps the smallest share of cases. */
export interface Bottleneck {
  readonly from: FunnelStep
  readonly to: FunnelStep
  /** Cases that reached `to` as a share of those that reached `from`, 0 to 1. */
  readonly share: number
}

/** The bottleneck of a funnel, or undefined when no case reached a stall step's start. */
export const bottleneckOf = (funnel: ReviewFunnel): Bottleneck | undefined => {
  let worst: Bottleneck | undefined
  for (const [from, to] of stallSteps) {
    const before = funnel[from]
    if (before === 0) continue
    const share = funnel[to] / before
    if (worst === undefined || share < worst.share) worst = { from, to, share }
  }
  return worst
}
