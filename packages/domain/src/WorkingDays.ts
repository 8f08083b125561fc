/**
 * Bulgarian working days and time limits.
 *
 * Under the Labour Code (art. 154(1)) the official holidays are 1 January, 3 March, 1 May,
 * 6 May, 24 May, 6 September, 22 September, 24, 25 and 26 December, and Good Friday, Holy
 * Saturday, Easter Sunday and Easter Monday of the Orthodox Easter. From 1 January 2017 (art.
 * 154(2), State Gazette 105/2016) a holiday other than Easter's that falls on a Saturday or
 * Sunday gives the first working day after it off (the first two, when two such holidays fall
 * on one weekend). Before 2017 no day moved by law: the Council of Ministers moved days each year
 * by decision, and after 2017 it still does now and then. Those decisions are data, a
 * {@link WorkingCalendar}: a day off it declares, or a Saturday it makes a working day.
 * Time limits count calendar days, and one that ends on a day that is not a working day ends on
 * the next one; every function that judges a day takes the calendar, the shipped decisions by
 * default.
 * @module
 */
import { Schema } from "effect"
import { addDays, dayOfWeek, type IsoDate, makeDate, PlausibleDate, parts } from "./CalendarDate.js"
import { idMaxLength, StorableText } from "./Text.js"

/**
 * Why a day is not a working day: a weekend, an official holiday, an Easter day, the day off
 * art. 154(2) gives for a holiday on a weekend, or a day off by a Council of Ministers decision.
 */
export type NonWorkingReason = "weekend" | "holiday" | "easter" | "day_off" | "decision"

/** What a Council of Ministers decision does to a day: declares it a day off, or a working day. */
export const CalendarDecisionKind = Schema.Literal("day_off", "working_day").annotations({
  identifier: "CalendarDecisionKind",
})
/** What a decision does to a day. */
export type CalendarDecisionKind = typeof CalendarDecisionKind.Type

/** Opaque identifier of a stored calendar decision. */
export const CalendarDecisionId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("CalendarDecisionId"),
  Schema.annotations({ identifier: "CalendarDecisionId" }),
)
/** Opaque identifier of a stored calendar decision. */
export type CalendarDecisionId = typeof CalendarDecisionId.Type

const Source = StorableText.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(500)).annotations({
  description: "The decision and where it is published (number, date, State Gazette issue)",
})

/** One day a Council of Ministers decision moves: the date, what it becomes, and the source. */
export class CalendarDecision extends Schema.Class<CalendarDecision>("CalendarDecision")({
  date: PlausibleDate,
  kind: CalendarDecisionKind,
  source: Source,
}) {}

/** A calendar decision as stored, with its id and version. */
export class StoredCalendarDecision extends Schema.Class<StoredCalendarDecision>("StoredCalendarDecision")({
  id: CalendarDecisionId,
  ...CalendarDecision.fields,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** No calendar decision has the given id. */
export class CalendarDecisionNotFound extends Schema.TaggedError<CalendarDecisionNotFound>()(
  "CalendarDecisionNotFound",
  { decisionId: Schema.String },
) {}

/** The decision changed since the client read it. */
export class CalendarDecisionVersionStale extends Schema.TaggedError<CalendarDecisionVersionStale>()(
  "CalendarDecisionVersionStale",
  { entity: Schema.String, expectedVersion: Schema.Int, currentVersion: Schema.Int },
) {}

/** Another decision already moves that day: one day has one decision. */
export class CalendarDateTaken extends Schema.TaggedError<CalendarDateTaken>()("CalendarDateTaken", {
  date: Schema.String,
  existingId: Schema.String,
}) {}

/** The working calendar: the law's rules plus the days Council of Ministers decisions move. */
export interface WorkingCalendar {
  /** The decisions, as given. */
  readonly decisions: ReadonlyArray<{ readonly date: IsoDate; readonly kind: CalendarDecisionKind }>
  /** What a decision made of a day, if one did. */
  readonly decisionOn: (date: IsoDate) => CalendarDecisionKind | undefined
}

/** A working calendar with these decisions (on one date, the last one given counts). */
export const workingCalendar = (
  decisions: ReadonlyArray<{ readonly date: IsoDate; readonly kind: CalendarDecisionKind }>,
): WorkingCalendar => {
  const byDate = new Map(decisions.map((d) => [d.date, d.kind] as const))
  return { decisions, decisionOn: (date) => byDate.get(date) }
}

const gazette94of2015 = "Council of Ministers Decision No. 935 of 30 Nov 2015 (State Gazette 94/4 Dec 2015)"
const euroChangeover2025 =
  "Council of Ministers decision of 19 Nov 2025 declaring 31 Dec 2025 and 2 Jan 2026 non-working days once, for the euro changeover (adopted at the government's sitting of 19 Nov 2025; its number and State Gazette issue are not recorded here)"

/**
 * The Council of Ministers decisions 2016–2026 that could be sourced. 2016: Decision No. 935 of
 * 2015. 2017–2024: none found (the practice of moving days stopped when art. 154(2) came into
 * force). 2025–2026: the one-off days around the euro changeover. Decisions that could not be
 * sourced are left out; an admin adds them through the API.
 */
export const councilOfMinistersDecisions: ReadonlyArray<CalendarDecision> = [
  ["2016-03-04", "day_off"],
  ["2016-03-12", "working_day"],
  ["2016-05-14", "working_day"],
  ["2016-05-23", "day_off"],
  ["2016-09-05", "day_off"],
  ["2016-09-10", "working_day"],
  ["2016-09-17", "working_day"],
  ["2016-09-23", "day_off"],
]
  .map(([date, kind]) =>
    CalendarDecision.make({
      date: date as IsoDate,
      kind: kind as CalendarDecisionKind,
      source: gazette94of2015,
    }),
  )
  .concat(
    ["2025-12-31", "2026-01-02"].map((date) =>
      CalendarDecision.make({ date: date as IsoDate, kind: "day_off", source: euroChangeover2025 }),
    ),
  )

/** The calendar with the shipped decisions: what every function uses unless given another. */
export const defaultCalendar: WorkingCalendar = workingCalendar(councilOfMinistersDecisions)

/** The first day art. 154(2) (a holiday on a weekend gives the next working day off) applies to. */
export const movedDayOffFrom = "2017-01-01" as IsoDate

/** The fixed-date official holidays, as [month, day]. */
export const fixedHolidays: ReadonlyArray<readonly [month: number, day: number]> = [
  [1, 1],
  [3, 3],
  [5, 1],
  [5, 6],
  [5, 24],
  [9, 6],
  [9, 22],
  [12, 24],
  [12, 25],
  [12, 26],
]

/**
 * The Orthodox Easter Sunday of a year, as a Gregorian date (Meeus' Julian algorithm; the
 * Julian calendar runs 13 days behind the Gregorian from 1900 to 2099).
 */
export const orthodoxEaster = (year: number): IsoDate => {
  const a = year % 4
  const b = year % 7
  const c = year % 19
  const d = (19 * c + 15) % 30
  const e = (2 * a + 4 * b - d + 34) % 7
  const month = Math.floor((d + e + 114) / 31)
  const day = ((d + e + 114) % 31) + 1
  const julianOffset = Math.floor(year / 100) - Math.floor(year / 400) - 2
  return addDays(makeDate(year, month, day), julianOffset)
}

const isWeekend = (date: IsoDate): boolean => {
  const d = dayOfWeek(date)
  return d === 0 || d === 6
}

const cache = new Map<number, ReadonlyMap<IsoDate, Exclude<NonWorkingReason, "weekend">>>()

/**
 * Every holiday, Easter day and day off art. 154(2) gives in a year, with the reason (days off
 * in lieu only for holidays from {@link movedDayOffFrom}). Days off given for a holiday of the
 * year before (none can spill over with today's list) are included.
 */
export const holidaysOf = (year: number): ReadonlyMap<IsoDate, Exclude<NonWorkingReason, "weekend">> => {
  const known = cache.get(year)
  if (known) return known
  const days = new Map<IsoDate, Exclude<NonWorkingReason, "weekend">>()
  const easter = orthodoxEaster(year)
  for (const offset of [-2, -1, 0, 1]) days.set(addDays(easter, offset), "easter")
  const fixed = fixedHolidays.map(([m, d]) => makeDate(year, m, d))
  for (const date of fixed) days.set(date, "holiday")
  // In date order, each fixed holiday on a weekend takes the first weekday after it that is
  // neither a holiday nor already given: two on one weekend take the first two such days.
  for (const date of fixed) {
    if (!isWeekend(date) || date < movedDayOffFrom) continue
    let off = addDays(date, 1)
    while (isWeekend(off) || days.has(off)) off = addDays(off, 1)
    days.set(off, "day_off")
  }
  cache.set(year, days)
  return days
}

/** Why `date` is not a working day under `calendar`, or undefined when it is one. */
export const nonWorkingReason = (
  date: IsoDate,
  calendar: WorkingCalendar = defaultCalendar,
): NonWorkingReason | undefined => {
  const decided = calendar.decisionOn(date)
  if (decided === "working_day") return undefined
  const statutory = holidaysOf(parts(date).year).get(date)
  if (statutory) return statutory
  if (decided === "day_off") return "decision"
  return isWeekend(date) ? "weekend" : undefined
}

/** Whether `date` is a working day under `calendar`. */
export const isWorkingDay = (date: IsoDate, calendar: WorkingCalendar = defaultCalendar): boolean =>
  nonWorkingReason(date, calendar) === undefined

/** `date` itself when it is a working day under `calendar`, otherwise the next working day. */
export const nextWorkingDay = (date: IsoDate, calendar: WorkingCalendar = defaultCalendar): IsoDate => {
  let d = date
  while (!isWorkingDay(d, calendar)) d = addDays(d, 1)
  return d
}

/**
 * The last day of a time limit of `days` calendar days that starts running on `start`
 * (`start` + `days`); a limit that ends on a day that is not a working day under `calendar` ends
 * on the next working day.
 */
export const timeLimitEnd = (
  start: IsoDate,
  days: number,
  calendar: WorkingCalendar = defaultCalendar,
): IsoDate => nextWorkingDay(addDays(start, days), calendar)
