/**
 * Report schedules: per project, a cron expression in a time zone (Europe/Sofia by default) and
 * the rule naming the period each firing reports on. Pure: the firing instant's date comes in.
 * @module
 */
import { Cron, Either, Schema } from "effect"
import {
  type IsoDate,
  isTimeZone,
  lastDayOfMonth,
  makeDate,
  maxDate,
  minDate,
  parts,
} from "./CalendarDate.js"
import { projectEndDate } from "./Project.js"
import { type PathProblem, type PeriodProject, ReportKind, type ReportPeriod } from "./Report.js"

/** The zone a schedule without one is read in. */
export const defaultScheduleZone = "Europe/Sofia"

/** Which period a firing reports on: the quarter, half-year or N months before the firing's month. */
export const SchedulePeriodRule = Schema.String.pipe(
  Schema.pattern(/^(previous_quarter|previous_half_year|previous_months:([1-9]|1[0-9]|2[0-4]))$/, {
    message: () => "previous_quarter, previous_half_year or previous_months:N (N from 1 to 24)",
  }),
).annotations({ identifier: "SchedulePeriodRule" })

/** One schedule of a project. */
export class ReportSchedule extends Schema.Class<ReportSchedule>("ReportSchedule")({
  kind: ReportKind,
  cron: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100)).annotations({
    description: "minute hour day month weekday, e.g. `0 6 1 1,4,7,10 *`",
  }),
  timeZone: Schema.optional(Schema.String.pipe(Schema.maxLength(64))),
  period: SchedulePeriodRule,
}) {}

/** A project's schedules, as `PUT /v1/projects/{id}/report-schedules` replaces them. */
export class ReportSchedules extends Schema.Class<ReportSchedules>("ReportSchedules")({
  schedules: Schema.Array(ReportSchedule).pipe(Schema.maxItems(20)),
}) {}

/** A project's schedules as the API answers them: every zone filled in. */
export const ReportSchedulesView = Schema.Struct({
  schedules: Schema.Array(
    Schema.Struct({ kind: ReportKind, cron: Schema.String, timeZone: Schema.String, period: Schema.String }),
  ),
}).annotations({ identifier: "ReportSchedulesView" })
/** A project's schedules as the API answers them. */
export type ReportSchedulesView = typeof ReportSchedulesView.Type

/** Problems of a set of schedules: bad cron expressions and unknown zones, by path. */
export const scheduleProblems = (schedules: ReadonlyArray<ReportSchedule>): ReadonlyArray<PathProblem> =>
  schedules.flatMap((s, i) => {
    const zone = s.timeZone ?? defaultScheduleZone
    if (!isTimeZone(zone)) return [{ path: `schedules.${i}.timeZone`, message: `unknown time zone ${zone}` }]
    const parsed = Cron.parse(s.cron, zone)
    return Either.isLeft(parsed) ? [{ path: `schedules.${i}.cron`, message: parsed.left.message }] : []
  })

/** The months a period rule covers, ending with the month before the firing's. */
const monthsBefore = (
  rule: string,
  firing: IsoDate,
): { first: { year: number; month: number }; count: number } => {
  const { year, month } = parts(firing)
  const shift = (count: number, endMonthIndex: number) => {
    const startIndex = endMonthIndex - count + 1
    return {
      first: { year: year + Math.floor(startIndex / 12), month: (((startIndex % 12) + 12) % 12) + 1 },
      count,
    }
  }
  const thisMonth = month - 1
  if (rule === "previous_quarter") return shift(3, Math.floor(thisMonth / 3) * 3 - 1)
  if (rule === "previous_half_year") return shift(6, Math.floor(thisMonth / 6) * 6 - 1)
  return shift(Number(rule.split(":")[1]), thisMonth - 1)
}

/**
 * The period a firing on `firing` (a date in the schedule's zone) reports on, cut to the project
 * period; `undefined` when none of it falls inside. A final report always covers the whole project.
 */
export const scheduledPeriod = (
  project: PeriodProject,
  kind: ReportKind,
  rule: string,
  firing: IsoDate,
): ReportPeriod | undefined => {
  const end = projectEndDate(project)
  if (kind === "final") return firing > end ? { start: project.startDate, end } : undefined
  const { first, count } = monthsBefore(rule, firing)
  const lastIndex = first.month - 1 + count - 1
  const lastYear = first.year + Math.floor(lastIndex / 12)
  const lastMonth = (lastIndex % 12) + 1
  const start = maxDate(makeDate(first.year, first.month, 1), project.startDate)
  const stop = minDate(makeDate(lastYear, lastMonth, lastDayOfMonth(lastYear, lastMonth)), end)
  return start <= stop ? { start, end: stop } : undefined
}
