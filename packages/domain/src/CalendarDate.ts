/**
 * Calendar dates without a time of day, written `YYYY-MM-DD`.
 *
 * Every date rule in Coordina (project periods, agreement terms, time limits) works on whole
 * calendar days, so dates are plain ISO strings and arithmetic is done in UTC, where there
 * are no daylight-saving gaps.
 * @module
 */
import { Schema } from "effect"

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/

const isRealDate = (s: string): boolean => {
  const m = isoPattern.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not read the years 0-99 as 1900-1999.
  t.setUTCFullYear(y, mo - 1, d)
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
}

/** A calendar date as an ISO 8601 string `YYYY-MM-DD` that names a day that exists. */
export const IsoDate = Schema.String.pipe(
  Schema.filter((s) => isRealDate(s) || "a date written YYYY-MM-DD that exists in the calendar"),
  Schema.brand("IsoDate"),
  Schema.annotations({
    identifier: "IsoDate",
    title: "date",
    description: "A calendar date, YYYY-MM-DD",
    examples: ["2017-12-01" as never],
    jsonSchema: { type: "string", format: "date" },
  }),
)
/** A calendar date as an ISO 8601 string `YYYY-MM-DD`. */
export type IsoDate = typeof IsoDate.Type

/** The earliest date a record may carry: nobody alive, and no case, is older. */
export const earliestPlausibleDate = "1900-01-01" as IsoDate
/** The latest date a record may carry; dates computed from it (terms, deadlines) stay far below 9999. */
export const latestPlausibleDate = "2100-12-31" as IsoDate

/**
 * A date a client may send: an {@link IsoDate} from {@link earliestPlausibleDate} to
 * {@link latestPlausibleDate}. 9999-12-31 is a typing error, not a birth date.
 */
export const PlausibleDate = IsoDate.pipe(
  Schema.filter(
    (d) =>
      (d >= earliestPlausibleDate && d <= latestPlausibleDate) ||
      `a date from ${earliestPlausibleDate} to ${latestPlausibleDate}`,
    { jsonSchema: { formatMinimum: earliestPlausibleDate, formatMaximum: latestPlausibleDate } },
  ),
  Schema.annotations({ identifier: "PlausibleDate" }),
)

/** Reads a literal date, throwing on a malformed one; for constants and tests. */
export const isoDate = (s: string): IsoDate => {
  if (!isRealDate(s)) throw new Error(`not a date: ${s}`)
  return s as IsoDate
}

const MS_PER_DAY = 86_400_000

/** The first date `YYYY-MM-DD` can write. */
export const earliestRepresentableDate = "0001-01-01" as IsoDate
/** The last date `YYYY-MM-DD` can write; date arithmetic never goes past it. */
export const latestRepresentableDate = "9999-12-31" as IsoDate

/** Days since 1970-01-01 for a date; the inverse of {@link fromDayNumber}. */
export const toDayNumber = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY

const firstDayNumber = toDayNumber(earliestRepresentableDate)
const lastDayNumber = toDayNumber(latestRepresentableDate)

/**
 * The date that is `n` days after 1970-01-01, held within the dates `YYYY-MM-DD` can write
 * ({@link earliestRepresentableDate} to {@link latestRepresentableDate}). The rules keep their
 * inputs plausible, so the hold is never reached by real records; it makes sure that no
 * arithmetic on a date (a term, an extension, a deadline) can fail or write a five-digit year.
 */
export const fromDayNumber = (n: number): IsoDate =>
  new Date(Math.min(lastDayNumber, Math.max(firstDayNumber, Math.trunc(n))) * MS_PER_DAY)
    .toISOString()
    .slice(0, 10) as IsoDate

/** The date `days` calendar days after `date` (before it when negative). */
export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days)

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toDayNumber(to) - toDayNumber(from)

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: IsoDate): number => new Date(`${date}T00:00:00Z`).getUTCDay()

/**
 * Builds a date from its parts (month 1–12); parts out of range roll over as in `Date.UTC`
 * (month 13 is January of the next year, day 0 the last day of the month before), and the
 * result is held within the representable dates as {@link fromDayNumber} holds it.
 */
export const makeDate = (year: number, month: number, day: number): IsoDate => {
  const monthIndex = month - 1
  // A far-off year is cut to just outside the representable range, where Date still counts
  // (it gives up past year 275,760) and fromDayNumber's hold takes over.
  const y = Math.min(10_001, Math.max(-1, year + Math.floor(monthIndex / 12)))
  const first = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not read the years 0-99 as 1900-1999.
  first.setUTCFullYear(y, ((monthIndex % 12) + 12) % 12, 1)
  return fromDayNumber(first.getTime() / MS_PER_DAY + day - 1)
}

/** The year, month (1–12) and day of a date. */
export const parts = (date: IsoDate): { year: number; month: number; day: number } => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
})

/** The last day of the given month (1–12). */
export const lastDayOfMonth = (year: number, month: number): number => parts(makeDate(year, month + 1, 0)).day

/**
 * The last day of a period of `months` months that begins on `start`.
 *
 * A period in months ends the day before the day with the same number `months` later
 * (1 Dec 2017 + 16 months ends on 31 Mar 2019). When that month has no such day
 * (31 Jan + 1 month), the period ends on the last day of that month (28 or 29 Feb), as the
 * Bulgarian Obligations and Contracts Act (art. 60) counts terms in months.
 */
export const endOfPeriod = (start: IsoDate, months: number): IsoDate => {
  const { year, month, day } = parts(start)
  const monthIndex = month - 1 + months
  const targetYear = year + Math.floor(monthIndex / 12)
  const targetMonth = (((monthIndex % 12) + 12) % 12) + 1
  if (day > lastDayOfMonth(targetYear, targetMonth)) return makeDate(targetYear, targetMonth + 1, 0)
  return addDays(makeDate(targetYear, targetMonth, day), -1)
}

/** Orders two dates; ISO strings compare as dates. */
export const compareDates = (a: IsoDate, b: IsoDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** The earlier of two dates. */
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b)

/** The later of two dates. */
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b)

/** Every date from `from` through `to`, inclusive; empty when `to` is earlier. */
export const datesInRange = (from: IsoDate, to: IsoDate): ReadonlyArray<IsoDate> => {
  const out: Array<IsoDate> = []
  for (let n = toDayNumber(from); n <= toDayNumber(to); n++) out.push(fromDayNumber(n))
  return out
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * The calendar date in time zone `zone` (an IANA name such as `Europe/Sofia`) at `instant`
 * (milliseconds since the epoch). This is the one definition of "today" in Coordina: the API,
 * the worker and the web app all take it from the same zone.
 */
export const todayIn = (zone: string, instant: number): IsoDate => {
  let format = dayFormats.get(zone)
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
    dayFormats.set(zone, format)
  }
  return format.format(instant) as IsoDate
}

/**
 * "Today" as the API tells its clients (`GET /v1/today`): the calendar date in the configured
 * zone, the zone, and the instant it was read at. Clients take today from here, never from
 * their own clock, so every process agrees on deadlines around midnight.
 */
export const TodayView = Schema.Struct({
  date: IsoDate,
  zone: Schema.String.annotations({ description: "IANA time zone, e.g. Europe/Sofia" }),
  now: Schema.String.annotations({ description: "The current instant, ISO 8601 UTC" }),
}).annotations({ identifier: "Today" })
/** "Today" as the API tells its clients. */
export type TodayView = typeof TodayView.Type

/** Whether `zone` is an IANA time zone name this runtime knows. */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}
