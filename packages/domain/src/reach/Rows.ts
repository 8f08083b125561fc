/**
 * The rows the reach rules read, one at a time: a project's participations, its dissemination
 * activities and the people they name, as the store streams them.
 * @module
 */
import type { IsoDate } from "../CalendarDate.js"
import type { CountMethod } from "../Dissemination.js"
import type { EventKind } from "../Event.js"
import type { InstitutionFacts, TargetGroup } from "../Institution.js"
import type { ParticipationRole } from "../Participation.js"
import type { Gender } from "../Person.js"
import type { Target } from "../Project.js"

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
