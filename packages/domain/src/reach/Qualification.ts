/**
 * Which participations count for direct reach: the role, the target group, and the share of
 * an event's days attended; as a rule over rows and as plain criteria a store can select by.
 * @module
 */
import type { IsoDate } from "../CalendarDate.js"
import { type EventKind, eventDayCount } from "../Event.js"
import { effectiveTargetGroup, type InstitutionFacts, inTargetGroup } from "../Institution.js"
import type { ParticipationRole } from "../Participation.js"
import type { Gender } from "../Person.js"
import type { ParticipationRow, ReachProject } from "./Rows.js"

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
