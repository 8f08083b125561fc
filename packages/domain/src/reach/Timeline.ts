/**
 * Reach over time, from one pass over a project's rows: the series the dashboard charts and
 * the "new in a period versus consolidated to date" figures reports need.
 *
 * Each person gets the date they are first directly reached (the earliest
 * {@link qualifyingDate} of their participations) and the date they are first named by
 * dissemination; every figure on any date follows from those two dates, and agrees with
 * {@link ReachAccumulator} on that date.
 * @module
 */
import { addDays, type IsoDate, IsoDate as IsoDateSchema, makeDate, parts } from "../CalendarDate.js"
import { effectiveTargetGroup, inTargetGroup } from "../Institution.js"
import { Schema } from "effect"
import { elapsedShare } from "../Project.js"
import { qualifyingDate } from "./Qualification.js"
import type { DisseminationRow, NamedPersonRow, ParticipationRow, ReachProject } from "./Rows.js"

/** The headline figures on one date, with what the targets expected by then. */
export const ReachPoint = Schema.Struct({
  asOf: IsoDateSchema,
  direct: Schema.Int,
  indirect: Schema.Int,
  total: Schema.Int,
  expected: Schema.Struct({
    direct: Schema.optional(Schema.Number),
    indirect: Schema.optional(Schema.Number),
    total: Schema.optional(Schema.Number),
  }),
}).annotations({ identifier: "ReachPoint" })
/** The headline figures on one date. */
export type ReachPoint = typeof ReachPoint.Type

/** Reach over time: the body of `GET /v1/projects/{id}/reach/series`. */
export const ReachSeries = Schema.Struct({
  projectId: Schema.String,
  points: Schema.Array(ReachPoint),
}).annotations({ identifier: "ReachSeries" })
/** Reach over time. */
export type ReachSeries = typeof ReachSeries.Type

/** Figures for a reporting period: people new in it next to everyone reached up to its end. */
export const PeriodReach = Schema.Struct({
  from: IsoDateSchema,
  to: IsoDateSchema,
  direct: Schema.Struct({ newInPeriod: Schema.Int, toDate: Schema.Int }),
  indirectNamed: Schema.Struct({ newInPeriod: Schema.Int, toDate: Schema.Int }),
  unnamedCounted: Schema.Struct({ inPeriod: Schema.Int, toDate: Schema.Int }),
  unnamedEstimated: Schema.Struct({ inPeriod: Schema.Int, toDate: Schema.Int }),
}).annotations({ identifier: "PeriodReach" })
/** Figures for a reporting period. */
export type PeriodReach = typeof PeriodReach.Type

const minDate = (a: IsoDate | undefined, b: IsoDate): IsoDate => (a === undefined || b < a ? b : a)
const within = (d: IsoDate | undefined, from: IsoDate, to: IsoDate) => d !== undefined && d >= from && d <= to

/** Folds a project's rows into the dates each person was reached. */
export class ReachTimeline {
  private readonly group: ReturnType<typeof effectiveTargetGroup>
  private readonly reached = new Map<string, IsoDate>()
  private readonly named = new Map<string, IsoDate>()
  private readonly unnamed: Array<DisseminationRow> = []

  constructor(readonly project: ReachProject) {
    this.group = effectiveTargetGroup(project.targetGroup)
  }

  /** Adds one participation in one of the project's events. */
  addParticipation(row: ParticipationRow): void {
    const d = qualifyingDate(row, this.group, this.project.minimumAttendanceShare)
    if (d !== undefined) this.reached.set(row.personId, minDate(this.reached.get(row.personId), d))
  }

  /**
   * Adds a person directly reached on `date`, their first qualifying day as a reach result
   * found it: a series up to that result's as-of date then needs no pass over participations.
   */
  addReached(personId: string, date: IsoDate): void {
    this.reached.set(personId, minDate(this.reached.get(personId), date))
  }

  /** Adds one dissemination activity. */
  addDissemination(row: DisseminationRow): void {
    if (row.additionalCount > 0) this.unnamed.push(row)
  }

  /** Adds one person named by a dissemination activity. */
  addNamedPerson(row: NamedPersonRow): void {
    if (inTargetGroup(this.group, row.institution))
      this.named.set(row.personId, minDate(this.named.get(row.personId), row.date))
  }

  private unnamedBetween(from: IsoDate | undefined, to: IsoDate) {
    let counted = 0
    let estimated = 0
    for (const a of this.unnamed) {
      if (a.date > to || (from !== undefined && a.date < from)) continue
      if (a.method === "counted") counted += a.additionalCount
      else estimated += a.additionalCount
    }
    return { counted, estimated }
  }

  /** Direct, indirect and total reach on one date. */
  at(asOf: IsoDate): { readonly direct: number; readonly indirect: number; readonly total: number } {
    let direct = 0
    for (const d of this.reached.values()) if (d <= asOf) direct++
    let named = 0
    for (const [id, d] of this.named) {
      const r = this.reached.get(id)
      if (d <= asOf && !(r !== undefined && r <= asOf)) named++
    }
    const u = this.unnamedBetween(undefined, asOf)
    const indirect = named + u.counted + u.estimated
    return { direct, indirect, total: direct + indirect }
  }

  /** The figures on each date, with what each target expected by then. */
  series(dates: ReadonlyArray<IsoDate>): ReadonlyArray<ReachPoint> {
    return dates.map((asOf) => {
      const share = elapsedShare(this.project, asOf)
      const expected: Record<string, number> = {}
      for (const t of this.project.targets) expected[t.indicator] = Math.round(t.value * share * 100) / 100
      return { asOf, ...this.at(asOf), expected }
    })
  }

  /** People new in `from`–`to` next to everyone reached up to `to`. */
  period(from: IsoDate, to: IsoDate): PeriodReach {
    let directNew = 0
    let directToDate = 0
    for (const d of this.reached.values()) {
      if (d <= to) directToDate++
      if (within(d, from, to)) directNew++
    }
    let namedNew = 0
    let namedToDate = 0
    for (const [id, d] of this.named) {
      const r = this.reached.get(id)
      if (d > to || (r !== undefined && r <= to)) continue
      namedToDate++
      if (d >= from) namedNew++
    }
    const inPeriod = this.unnamedBetween(from, to)
    const toDate = this.unnamedBetween(undefined, to)
    return {
      from,
      to,
      direct: { newInPeriod: directNew, toDate: directToDate },
      indirectNamed: { newInPeriod: namedNew, toDate: namedToDate },
      unnamedCounted: { inPeriod: inPeriod.counted, toDate: toDate.counted },
      unnamedEstimated: { inPeriod: inPeriod.estimated, toDate: toDate.estimated },
    }
  }
}

/** How far apart the points of a series are. */
export const SeriesStep = Schema.Literal("week", "month").annotations({ identifier: "SeriesStep" })
/** How far apart the points of a series are. */
export type SeriesStep = typeof SeriesStep.Type

/** The most points a series has. */
export const maxSeriesPoints = 400

/**
 * The dates of a series from `from` to `to`: every 7 days, or the last day of every month,
 * always ending on `to`. At most {@link maxSeriesPoints} dates, the latest kept.
 */
export const seriesDates = (from: IsoDate, to: IsoDate, step: SeriesStep): ReadonlyArray<IsoDate> => {
  if (to < from) return []
  const out: Array<IsoDate> = []
  if (step === "week") {
    for (let d = addDays(from, 6); d < to; d = addDays(d, 7)) out.push(d)
  } else {
    const { year, month } = parts(from)
    for (let i = 0; ; i++) {
      const end = addDays(makeDate(year, month + i + 1, 1), -1)
      if (end >= to) break
      out.push(end)
    }
  }
  out.push(to)
  return out.slice(-maxSeriesPoints)
}
