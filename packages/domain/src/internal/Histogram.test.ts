import { describe, expect, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { median } from "../Review.js"
import { countInto, type Histogram, histogramMedian } from "./Histogram.js"

describe("histogramMedian", () => {
  it("takes the same median from a histogram as from the values, on random data", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.array(FastCheck.integer({ min: -50, max: 400 }), { maxLength: 60 }),
        (values) => {
          const h: Histogram = new Map()
          for (const v of values) countInto(h, v)
          expect(histogramMedian(h)).toBe(median(values))
        },
      ),
    )
  })

  it("has no median when it counts nothing", () => {
    expect(histogramMedian(new Map())).toBeNull()
  })
})
