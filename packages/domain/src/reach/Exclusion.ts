/**
 * Why a participation does not count toward direct reach: the same rules as
 * {@link qualifyingDate}, answered as a reason a person can act on (the sheet preview shows it).
 * @module
 */
import { Schema } from "effect"
import type { IsoDate } from "../CalendarDate.js"
import { eventDayCount } from "../Event.js"
import {
  effectiveTargetGroup,
  type InstitutionFacts,
  inTargetGroup,
  type TargetGroup,
} from "../Institution.js"
import type { ParticipationRole } from "../Participation.js"
import { qualifyingRoles, requiredDays } from "./Qualification.js"

/**
 * Why a participation will not count toward direct reach:
 * `event_cancelled` (the event does not count at all), `role` (a speaker, trainer or organiser),
 * `outside_target_group` (the institution represented is not one the project targets, or is
 * unknown), `not_attended` (no day attended) and `too_few_days` (fewer days than the project's
 * minimum share of the event's days).
 */
export const ReachExclusion = Schema.Literal(
  "event_cancelled",
  "role",
  "outside_target_group",
  "not_attended",
  "too_few_days",
).annotations({ identifier: "ReachExclusion" })
/** Why a participation will not count toward direct reach. */
export type ReachExclusion = typeof ReachExclusion.Type

/** What the reach rules of one event need to know. */
export interface ExclusionRules {
  readonly targetGroup?: Partial<TargetGroup> | undefined
  readonly minimumAttendanceShare?: number | undefined
  readonly event: { readonly startDate: IsoDate; readonly endDate: IsoDate; readonly cancelled?: boolean }
}

/** One participation as the exclusion rule reads it. */
export interface ParticipationToJudge {
  readonly role: ParticipationRole
  readonly institution: InstitutionFacts | undefined
  /** Every day attended, in any order. */
  readonly days: ReadonlyArray<IsoDate>
}

/**
 * The first reason, in the order listed by {@link ReachExclusion}, why the participation will
 * never count toward direct reach; undefined when it will (on the day it reaches its required
 * number of attended days, as {@link qualifyingDate} says).
 */
export const reachExclusion = (
  p: ParticipationToJudge,
  rules: ExclusionRules,
): ReachExclusion | undefined => {
  if (rules.event.cancelled === true) return "event_cancelled"
  if (!qualifyingRoles.includes(p.role)) return "role"
  if (!inTargetGroup(effectiveTargetGroup(rules.targetGroup), p.institution)) return "outside_target_group"
  const days = new Set(p.days).size
  if (days === 0) return "not_attended"
  if (days < requiredDays(rules.minimumAttendanceShare, eventDayCount(rules.event))) return "too_few_days"
  return undefined
}
