/**
 * The fold of a project's rows into its reach on a date (see the module `reach/index.ts` for
 * how a store feeds it). The answer never depends on the order of the rows.
 * @module
 */
import type { IsoDate } from "../CalendarDate.js"
import { type EventKind, eventDayCount } from "../Event.js"
import { effectiveTargetGroup, inTargetGroup } from "../Institution.js"
import type { Attribution } from "./Breakdown.js"
import { daysAttendedBy, type FirstQualification, qualifyingRoles, requiredDays } from "./Qualification.js"
import type { DisseminationRow, NamedPersonRow, ParticipationRow, ReachProject } from "./Rows.js"

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
