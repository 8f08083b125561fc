/**
 * Bulgarian working days and time limits.
 *
 * Under the Labour Code the official holidays are 1 January, 3 March, 1 May, 6 May, 24 May,
 * 6 September, 22 September, 24, 25 and 26 December, and Good Friday, Holy Saturday, Easter
 * Sunday and Easter Monday of the Orthodox Easter. When a fixed-date holiday falls on a
 * Saturday or Sunday, the first business day after it is a day off (the first two, when two
 * such holidays fall on one weekend); Easter's own days never shift. Time limits count
 * calendar days, and one that ends on a day that is not a working day ends on the next one.
 *
 * Days off the Council of Ministers moves by decree (bridge days worked on a Saturday) are not
 * in the law and so not here.
 * @module
 */
import { addDays, dayOfWeek, type IsoDate, makeDate, parts } from "./CalendarDate.js"

/** Why a day is not a working day. */
export type NonWorkingReason = "weekend" | "holiday" | "easter" | "day_off"

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
 * Every holiday, Easter day and day off given in lieu in a year, with the reason. Days off
 * given for a holiday of the year before (none can spill over with today's list) are included.
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
    if (!isWeekend(date)) continue
    let off = addDays(date, 1)
    while (isWeekend(off) || days.has(off)) off = addDays(off, 1)
    days.set(off, "day_off")
  }
  cache.set(year, days)
  return days
}

/** Why `date` is not a working day, or undefined when it is one. */
export const nonWorkingReason = (date: IsoDate): NonWorkingReason | undefined =>
  holidaysOf(parts(date).year).get(date) ?? (isWeekend(date) ? "weekend" : undefined)

/** Whether `date` is a working day: not a weekend, an official holiday or a day off in lieu. */
export const isWorkingDay = (date: IsoDate): boolean => nonWorkingReason(date) === undefined

/** `date` itself when it is a working day, otherwise the next working day. */
export const nextWorkingDay = (date: IsoDate): IsoDate => {
  let d = date
  while (!isWorkingDay(d)) d = addDays(d, 1)
  return d
}

/**
 * The last day of a time limit of `days` calendar days that starts running on `start`
 * (`start` + `days`); a limit that ends on a day that is not a working day ends on the next
 * working day.
 */
export const timeLimitEnd = (start: IsoDate, days: number): IsoDate => nextWorkingDay(addDays(start, days))
