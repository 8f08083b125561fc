/**
 * Counts of integer values and their median, so a fold keeps one entry per distinct value
 * instead of every value (the review's days between steps). Internal: not part of the
 * package's public surface; the public rule is `median`.
 * @module
 */

/** How often each value occurs. */
export type Histogram = Map<number, number>

/** Counts one more occurrence of `value`. */
export const countInto = (h: Histogram, value: number): Histogram => h.set(value, (h.get(value) ?? 0) + 1)

/** The median of the values a histogram counts, or null when it counts none. */
export const histogramMedian = (h: ReadonlyMap<number, number>): number | null => {
  let total = 0
  for (const n of h.values()) total += n
  if (total === 0) return null
  const keys = [...h.keys()].sort((a, b) => a - b)
  // The values at positions lo and hi (0-based) of the sorted list; equal when total is odd.
  const lo = (total - 1) >> 1
  const hi = total >> 1
  let seen = 0
  let low: number | undefined
  for (const k of keys) {
    seen += h.get(k)!
    if (low === undefined && seen > lo) low = k
    if (seen > hi) return (low! + k) / 2
  }
  return null
}
