/**
 * Reach accounting: how many distinct people from the target groups a project reached,
 * directly and indirectly, and who they were (design/reach-accounting.md).
 *
 * The rules consume rows one at a time, so the store can stream a project's participations
 * and dissemination from the database in batches without loading whole tables:
 *
 * ```ts
 * const acc = new ReachAccumulator(project, asOf)
 * for (const row of participationRows) acc.addParticipation(row)
 * for (const row of activityRows) acc.addDissemination(row)
 * for (const row of namedRows) acc.addNamedPerson(row)
 * const report = toReachReport(acc.result())
 * ```
 *
 * The answer never depends on the order of the rows.
 *
 * A store that selects in SQL instead hands over one row per reached person: it takes the
 * project's {@link qualificationCriteria} (plain data: roles, target-group institution ids,
 * required days per event), finds each survivor's first qualifying participation, and calls
 * {@link ReachAccumulator.addFirstQualification}; breakdowns, indirect reach and targets
 * follow exactly as from rows.
 * @module
 */
import { Schema } from "effect"
import { type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"
import type { CountMethod } from "./Dissemination.js"
import { type EventKind, eventDayCount } from "./Event.js"
import {
  effectiveTargetGroup,
  type InstitutionFacts,
  inTargetGroup,
  type TargetGroup,
} from "./Institution.js"
import type { ParticipationRole } from "./Participation.js"
import type { Gender } from "./Person.js"
import { elapsedShare, Indicator, type Target } from "./Project.js"

/** What the reach rules need to know about a project. */
export interface ReachProject {
  readonly id: string
  readonly startDate: IsoDate
  readonly durationMonths: number
  readonly extensions: ReadonlyArray<{ readonly months: number }>
  readonly targets: ReadonlyArray<Target>
  readonly targetGroup?: Partial<TargetGroup> | undefined
  readonly minimumAttendanceShare?: number | undefined
}

/**
 * One participation in one of the project's events, as the reach rules read it. The store
 * resolves merges before handing rows over: `personId` and `gender` are the surviving
 * record's, `institution` is the institution represented at this participation.
 */
export interface ParticipationRow {
  readonly personId: string
  readonly gender?: Gender | undefined
  readonly eventId: string
  readonly eventKind: EventKind
  readonly eventStartDate: IsoDate
  readonly eventEndDate: IsoDate
  readonly role: ParticipationRole
  readonly institution: InstitutionFacts | undefined
  /** Every day attended, in any order; the rules pick those on or before the as-of date. */
  readonly attendedDays: ReadonlyArray<IsoDate>
}

/** One dissemination activity of the project, for its unnamed count. */
export interface DisseminationRow {
  readonly activityId: string
  readonly date: IsoDate
  readonly additionalCount: number
  readonly method: CountMethod
}

/**
 * One person named by one dissemination activity: the surviving record, with its gender and
 * the institution it currently represents.
 */
export interface NamedPersonRow {
  readonly activityId: string
  readonly date: IsoDate
  readonly personId: string
  readonly gender?: Gender | undefined
  readonly institution: InstitutionFacts | undefined
}

/** The five breakdowns of direct reach, named as in the API. */
export const BreakdownKey = Schema.Literal(
  "byInstitutionKind",
  "byLevel",
  "byPlanningRegion",
  "byGender",
  "byEventKind",
).annotations({ identifier: "BreakdownKey" })
/** One of the five breakdowns of direct reach. */
export type BreakdownKey = typeof BreakdownKey.Type

/** Every breakdown, in the order the API lists them. */
export const breakdownKeys: ReadonlyArray<BreakdownKey> = BreakdownKey.literals

/** The bucket of values a breakdown has no value for. */
export const unknownBucket = "unknown"

/** Where a reached person is counted: the facts of their first qualifying participation. */
export interface Attribution {
  readonly personId: string
  /** The first attended day of the first qualifying participation. */
  readonly day: IsoDate
  readonly eventId: string
  readonly eventKind: EventKind | undefined
  readonly institution: InstitutionFacts | undefined
  readonly gender: Gender | undefined
}

/** The bucket a person falls in for a breakdown. */
export const bucketOf = (a: Attribution, key: BreakdownKey): string => {
  switch (key) {
    case "byInstitutionKind":
      return a.institution?.kind ?? unknownBucket
    case "byLevel":
      return a.institution?.level ?? unknownBucket
    case "byPlanningRegion":
      return a.institution?.planningRegion ?? unknownBucket
    case "byGender":
      return a.gender ?? unknownBucket
    case "byEventKind":
      return a.eventKind ?? unknownBucket
  }
}

/** Counts per bucket; buckets with nobody in them are left out. */
export type Counts = Readonly<Record<string, number>>

/** The breakdowns of a set of attributed people. */
export const breakdownsOf = (people: Iterable<Attribution>): Readonly<Record<BreakdownKey, Counts>> => {
  const out = Object.fromEntries(breakdownKeys.map((k) => [k, {} as Record<string, number>])) as Record<
    BreakdownKey,
    Record<string, number>
  >
  for (const a of people) {
    for (const k of breakdownKeys) {
      const bucket = bucketOf(a, k)
      out[k][bucket] = (out[k][bucket] ?? 0) + 1
    }
  }
  return out
}

const none: ReadonlyArray<IsoDate> = []

/** The roles whose participations count for direct reach. */
export const qualifyingRoles: ReadonlyArray<ParticipationRole> = ["participant"]

/**
 * What decides which participations qualify, as plain data, so a store can select them in SQL
 * without knowing a rule: the roles that count, the institutions of the target group, and the
 * events that need more than one attended day (every other event needs one).
 */
export interface QualificationCriteria {
  readonly roles: ReadonlyArray<ParticipationRole>
  readonly institutionIds: ReadonlyArray<string>
  readonly requiredDays: ReadonlyArray<{ readonly eventId: string; readonly days: number }>
}

/**
 * The criteria of a project, from every institution a participation may name and the
 * project's events. A participation qualifies on `asOf` exactly when its role is in `roles`,
 * its institution in `institutionIds`, and it has at least its event's required number of
 * distinct days attended on or before `asOf`.
 */
export const qualificationCriteria = (
  project: ReachProject,
  institutions: Iterable<InstitutionFacts>,
  events: Iterable<{ readonly id: string; readonly startDate: IsoDate; readonly endDate: IsoDate }>,
): QualificationCriteria => {
  const group = effectiveTargetGroup(project.targetGroup)
  const institutionIds: Array<string> = []
  for (const i of institutions) if (inTargetGroup(group, i)) institutionIds.push(i.id)
  const needs: Array<{ eventId: string; days: number }> = []
  for (const e of events) {
    const days = requiredDays(project.minimumAttendanceShare, eventDayCount(e))
    if (days > 1) needs.push({ eventId: e.id, days })
  }
  return { roles: qualifyingRoles, institutionIds, requiredDays: needs }
}

/**
 * A person's first qualifying participation, as a store selects it with
 * {@link QualificationCriteria}: among the survivor's qualifying participations, the one with
 * the earliest first attended day (on or before the as-of date), then the lowest event id,
 * then the lowest institution id, ids compared by code unit (bytewise for ASCII ids).
 */
export interface FirstQualification {
  readonly personId: string
  readonly gender?: Gender | undefined
  /** The first day attended at that participation. */
  readonly day: IsoDate
  readonly eventId: string
  readonly eventKind: EventKind
  readonly institution: InstitutionFacts
}

/** The attended days that count on `asOf`: those on or before it, without repeats, sorted. */
export const daysAttendedBy = (days: ReadonlyArray<IsoDate>, asOf: IsoDate): ReadonlyArray<IsoDate> => {
  // Most participations have one or two days; spare them the set and the sort.
  if (days.length === 0) return none
  if (days.length === 1) return days[0]! <= asOf ? days : none
  return [...new Set(days.filter((d) => d <= asOf))].sort()
}

/**
 * How many attended days a participation needs: one, or the project's minimum share of the
 * event's days, rounded up. The share is of all the event's days, not of those before the
 * as-of date, so a participant never stops counting as the date moves on.
 */
export const requiredDays = (minimumShare: number | undefined, dayCount: number): number =>
  minimumShare === undefined ? 1 : Math.max(1, Math.ceil(minimumShare * dayCount - 1e-9))

/**
 * The day a participation starts to count for direct reach, or undefined when it never does:
 * a `participant`, representing an institution of the target group, on the day they reach the
 * required number of attended days.
 */
export const qualifyingDate = (
  row: ParticipationRow,
  group: ReturnType<typeof effectiveTargetGroup>,
  minimumShare: number | undefined,
): IsoDate | undefined => {
  if (!qualifyingRoles.includes(row.role) || !inTargetGroup(group, row.institution)) return undefined
  const days = [...new Set(row.attendedDays)].sort()
  const needed = requiredDays(
    minimumShare,
    eventDayCount({ startDate: row.eventStartDate, endDate: row.eventEndDate }),
  )
  return days[needed - 1]
}

interface Dated {
  readonly day: IsoDate
  readonly eventId: string
  readonly institution?: { readonly id: string } | undefined
}

/**
 * Earliest day first; on the same day, the lower event (or activity) id first. Two records
 * merged into one may both have attended the same event: then the lower institution id, so
 * the answer never depends on the order rows arrive in.
 */
const earlier = (a: Dated, b: Dated): boolean =>
  a.day < b.day ||
  (a.day === b.day &&
    (a.eventId < b.eventId ||
      (a.eventId === b.eventId && (a.institution?.id ?? "") < (b.institution?.id ?? ""))))

/** Attendance at one event next to the unique persons behind it. */
export interface EventAttendance {
  readonly eventId: string
  readonly eventKind: EventKind
  /** Participations (any role) with at least one attended day by the as-of date. */
  readonly attendances: number
  /** Attended days summed over those participations. */
  readonly personDays: number
  /** Distinct persons (after merges) who attended. */
  readonly uniquePersons: number
  /** Persons directly reached whose first qualifying participation was this event. */
  readonly firstReachedHere: number
}

/** Everything reach accounting finds for one project on one date, with the people behind it. */
export interface ReachResult {
  readonly project: ReachProject
  readonly asOf: IsoDate
  /** Directly reached persons and their attribution, keyed by person id. */
  readonly direct: ReadonlyMap<string, Attribution>
  /** Persons counted as named indirect reach, keyed by person id. */
  readonly indirectNamed: ReadonlyMap<string, Attribution>
  readonly unnamedCounted: number
  readonly unnamedEstimated: number
}

interface EventTally {
  kind: EventKind
  attendances: number
  personDays: number
  persons: Set<string>
}

/**
 * Folds a project's rows into its reach on `asOf`. Add rows in any order and any number of
 * batches, then call {@link ReachAccumulator.result}.
 */
export class ReachAccumulator {
  private readonly group: ReturnType<typeof effectiveTargetGroup>
  private readonly firsts = new Map<string, Attribution>()
  private readonly named = new Map<string, Attribution>()
  private readonly events = new Map<string, EventTally>()
  private unnamedCounted = 0
  private unnamedEstimated = 0

  /** @param options.eventAttendance also tally attendance per event (costs a set per event). */
  constructor(
    readonly project: ReachProject,
    readonly asOf: IsoDate,
    private readonly options: { readonly eventAttendance?: boolean } = {},
  ) {
    this.group = effectiveTargetGroup(project.targetGroup)
  }

  /** Adds one participation in one of the project's events. */
  addParticipation(row: ParticipationRow): void {
    const days = daysAttendedBy(row.attendedDays, this.asOf)
    if (this.options.eventAttendance && days.length > 0) this.tally(row, days.length)
    const first = days[0]
    // The rule of qualifyingDate, applied to the days attended by asOf without copying the row.
    if (
      first === undefined ||
      !qualifyingRoles.includes(row.role) ||
      !inTargetGroup(this.group, row.institution)
    )
      return
    const share = this.project.minimumAttendanceShare
    if (
      share !== undefined &&
      days.length <
        requiredDays(share, eventDayCount({ startDate: row.eventStartDate, endDate: row.eventEndDate }))
    )
      return
    const current = this.firsts.get(row.personId)
    if (current && !earlier({ day: first, eventId: row.eventId, institution: row.institution }, current))
      return
    this.firsts.set(row.personId, {
      personId: row.personId,
      day: first,
      eventId: row.eventId,
      eventKind: row.eventKind,
      institution: row.institution,
      gender: row.gender,
    })
  }

  /**
   * Adds a person's first qualifying participation as the store found it. The same person may
   * come more than once (the earliest by day, event id and institution id wins), so this and
   * {@link ReachAccumulator.addParticipation} can be mixed.
   */
  addFirstQualification(row: FirstQualification): void {
    const current = this.firsts.get(row.personId)
    if (current && !earlier(row, current)) return
    this.firsts.set(row.personId, {
      personId: row.personId,
      day: row.day,
      eventId: row.eventId,
      eventKind: row.eventKind,
      institution: row.institution,
      gender: row.gender,
    })
  }

  /** Adds one dissemination activity (its unnamed count); those after `asOf` do not count. */
  addDissemination(row: DisseminationRow): void {
    if (row.date > this.asOf) return
    if (row.method === "counted") this.unnamedCounted += row.additionalCount
    else this.unnamedEstimated += row.additionalCount
  }

  /** Adds one person named by a dissemination activity. */
  addNamedPerson(row: NamedPersonRow): void {
    if (row.date > this.asOf || !inTargetGroup(this.group, row.institution)) return
    const current = this.named.get(row.personId)
    if (current && !earlier({ day: row.date, eventId: row.activityId }, current)) return
    this.named.set(row.personId, {
      personId: row.personId,
      day: row.date,
      eventId: row.activityId,
      eventKind: undefined,
      institution: row.institution,
      gender: row.gender,
    })
  }

  private tally(row: ParticipationRow, days: number): void {
    let t = this.events.get(row.eventId)
    if (!t) {
      t = { kind: row.eventKind, attendances: 0, personDays: 0, persons: new Set() }
      this.events.set(row.eventId, t)
    }
    t.attendances += 1
    t.personDays += days
    t.persons.add(row.personId)
  }

  /** The reach found so far. */
  result(): ReachResult {
    const indirectNamed = new Map<string, Attribution>()
    for (const [id, a] of this.named) if (!this.firsts.has(id)) indirectNamed.set(id, a)
    return {
      project: this.project,
      asOf: this.asOf,
      direct: this.firsts,
      indirectNamed,
      unnamedCounted: this.unnamedCounted,
      unnamedEstimated: this.unnamedEstimated,
    }
  }

  /** Attendance next to unique persons, per event, ordered by event id; needs `eventAttendance`. */
  eventAttendance(): ReadonlyArray<EventAttendance> {
    const firstHere = new Map<string, number>()
    for (const a of this.firsts.values()) firstHere.set(a.eventId, (firstHere.get(a.eventId) ?? 0) + 1)
    return [...this.events.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([eventId, t]) => ({
        eventId,
        eventKind: t.kind,
        attendances: t.attendances,
        personDays: t.personDays,
        uniquePersons: t.persons.size,
        firstReachedHere: firstHere.get(eventId) ?? 0,
      }))
  }
}

/** The three headline figures of a result. */
export const headline = (
  r: ReachResult,
): { readonly direct: number; readonly indirect: number; readonly total: number } => {
  const indirect = r.indirectNamed.size + r.unnamedCounted + r.unnamedEstimated
  return { direct: r.direct.size, indirect, total: r.direct.size + indirect }
}

/** Whether a target is met, on track (achieved ≥ expected by now) or behind. */
export const TargetStatus = Schema.Literal("met", "on_track", "behind").annotations({
  identifier: "TargetStatus",
})
/** Whether a target is met, on track or behind. */
export type TargetStatus = typeof TargetStatus.Type

/** The status of a figure against its target and what was expected by now. */
export const targetStatus = (achieved: number, value: number, expected: number): TargetStatus =>
  achieved >= value ? "met" : achieved >= expected ? "on_track" : "behind"

const Count = Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))
const CountsSchema = Schema.Record({ key: Schema.String, value: Count })

/** Direct reach and its breakdowns, as the API shows it. */
export const DirectReach = Schema.Struct({
  total: Count,
  byInstitutionKind: CountsSchema,
  byLevel: CountsSchema,
  byPlanningRegion: CountsSchema,
  byGender: CountsSchema,
  byEventKind: CountsSchema,
}).annotations({ identifier: "DirectReach" })

/** Indirect reach, as the API shows it. */
export const IndirectReach = Schema.Struct({
  total: Count,
  named: Count,
  unnamedCounted: Count,
  unnamedEstimated: Count,
}).annotations({ identifier: "IndirectReach" })

/** Progress against one breakdown target, e.g. at least 60 representatives of municipalities. */
export const BreakdownProgress = Schema.Struct({
  breakdown: Schema.String,
  bucket: Schema.String,
  value: Count,
  achieved: Count,
  expected: Schema.Number,
  status: TargetStatus,
}).annotations({ identifier: "BreakdownProgress" })

/** Progress against one target. `expected` = value × elapsed share, to two decimals. */
export const TargetProgress = Schema.Struct({
  indicator: Indicator,
  value: Count,
  achieved: Count,
  expected: Schema.Number,
  status: TargetStatus,
  breakdown: Schema.optional(Schema.Array(BreakdownProgress)),
}).annotations({ identifier: "TargetProgress" })
/** Progress against one target. */
export type TargetProgress = typeof TargetProgress.Type

/** A project's reach on a date: the body of `GET /v1/projects/{id}/reach`. */
export const ReachReport = Schema.Struct({
  projectId: Schema.String,
  asOf: IsoDateSchema,
  direct: DirectReach,
  indirect: IndirectReach,
  total: Count,
  targets: Schema.Array(TargetProgress),
}).annotations({ identifier: "ReachReport" })
/** A project's reach on a date. */
export type ReachReport = typeof ReachReport.Type

const round2 = (n: number) => Math.round(n * 100) / 100

/**
 * The counts of a breakdown bucket for an indicator: direct reach by its attribution, named
 * indirect reach by the named person's institution and gender (unnamed people cannot be
 * broken down), total as the sum of both.
 */
const bucketCount = (r: ReachResult, indicator: Indicator, key: string, bucket: string): number => {
  const isKey = (breakdownKeys as ReadonlyArray<string>).includes(key)
  if (!isKey) return 0
  const count = (people: ReadonlyMap<string, Attribution>) => {
    let n = 0
    for (const a of people.values()) if (bucketOf(a, key as BreakdownKey) === bucket) n++
    return n
  }
  if (indicator === "direct") return count(r.direct)
  if (indicator === "indirect") return count(r.indirectNamed)
  return count(r.direct) + count(r.indirectNamed)
}

/** Progress against every target of the project on the result's date. */
export const targetProgress = (r: ReachResult): ReadonlyArray<TargetProgress> => {
  const share = elapsedShare(r.project, r.asOf)
  const figures = headline(r)
  return r.project.targets.map((t) => {
    const expected = t.value * share
    const achieved = figures[t.indicator]
    const breakdown = t.breakdown
      ? Object.entries(t.breakdown).flatMap(([key, buckets]) =>
          Object.entries(buckets).map(([bucket, value]) => {
            const got = bucketCount(r, t.indicator, key, bucket)
            const exp = value * share
            return {
              breakdown: key,
              bucket,
              value,
              achieved: got,
              expected: round2(exp),
              status: targetStatus(got, value, exp),
            }
          }),
        )
      : undefined
    return {
      indicator: t.indicator,
      value: t.value,
      achieved,
      expected: round2(expected),
      status: targetStatus(achieved, t.value, expected),
      ...(breakdown ? { breakdown } : {}),
    }
  })
}

/** The API's view of a reach result. */
export const toReachReport = (r: ReachResult): ReachReport => {
  const figures = headline(r)
  const b = breakdownsOf(r.direct.values())
  return {
    projectId: r.project.id,
    asOf: r.asOf,
    direct: { total: figures.direct, ...b },
    indirect: {
      total: figures.indirect,
      named: r.indirectNamed.size,
      unnamedCounted: r.unnamedCounted,
      unnamedEstimated: r.unnamedEstimated,
    },
    total: figures.total,
    targets: targetProgress(r),
  }
}

/**
 * A figure to drill into: a headline indicator, or a breakdown of direct reach (which then
 * needs a bucket).
 */
export const DrillIndicator = Schema.Literal("direct", "indirect", "total", ...breakdownKeys).annotations({
  identifier: "DrillIndicator",
})
/** A figure to drill into. */
export type DrillIndicator = typeof DrillIndicator.Type

/**
 * The persons behind a figure, sorted by id: for `indirect` and `total` only the named ones
 * (people reached but not named have no record), and a headline figure ignores `bucket`. A
 * breakdown without a bucket has nobody.
 */
export const peopleBehind = (
  r: ReachResult,
  indicator: DrillIndicator,
  bucket?: string,
): ReadonlyArray<Attribution> => {
  const pick = (m: ReadonlyMap<string, Attribution>) => [...m.values()]
  const people =
    indicator === "direct"
      ? pick(r.direct)
      : indicator === "indirect"
        ? pick(r.indirectNamed)
        : indicator === "total"
          ? [...pick(r.direct), ...pick(r.indirectNamed)]
          : bucket === undefined
            ? []
            : pick(r.direct).filter((a) => bucketOf(a, indicator) === bucket)
  return people.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
}
