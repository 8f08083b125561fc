/**
 * A reach result as the API shows it: headline figures, breakdowns and progress against the
 * project's targets.
 * @module
 */
import { Schema } from "effect"
import { IsoDate as IsoDateSchema } from "../CalendarDate.js"
import { elapsedShare, Indicator } from "../Project.js"
import { headline, type ReachResult } from "./Accumulator.js"
import { type Attribution, type BreakdownKey, breakdownKeys, breakdownsOf, bucketOf } from "./Breakdown.js"

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
  usefulShare: Schema.optional(
    Schema.Number.annotations({
      description:
        "The share of evaluation respondents who found the project's events (started by `asOf`) useful; absent when no usefulness question was answered",
    }),
  ),
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
