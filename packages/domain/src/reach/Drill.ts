/**
 * Drilling into a figure: the people behind a headline figure or a breakdown bucket.
 * @module
 */
import { Schema } from "effect"
import type { ReachResult } from "./Accumulator.js"
import { type Attribution, breakdownKeys, bucketOf } from "./Breakdown.js"

/**
 * A figure to drill into: a headline indicator, or a breakdown of direct reach (which then
 * needs a bucket).
 */
export const DrillIndicator = Schema.Literal("direct", "indirect", "total", ...breakdownKeys).annotations({
  identifier: "DrillIndicator",
})
/** A figure to drill into. */
export type DrillIndicator = typeof DrillIndicator.Type

/**
 * The persons behind a figure, sorted by id: for `indirect` and `total` only the named ones
 * (people reached but not named have no record), and a headline figure ignores `bucket`. A
 * breakdown without a bucket has nobody.
 */
export const peopleBehind = (
  r: ReachResult,
  indicator: DrillIndicator,
  bucket?: string,
): ReadonlyArray<Attribution> => {
  const pick = (m: ReadonlyMap<string, Attribution>) => [...m.values()]
  const people =
    indicator === "direct"
      ? pick(r.direct)
      : indicator === "indirect"
        ? pick(r.indirectNamed)
        : indicator === "total"
          ? [...pick(r.direct), ...pick(r.indirectNamed)]
          : bucket === undefined
            ? []
            : pick(r.direct).filter((a) => bucketOf(a, indicator) === bucket)
  return people.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
}
