/**
 * The review of how the ordinance works, as a use case: counts only, never names, as of a day
 * (default today in the configured zone).
 * @module
 */
import type { IsoDate, ReviewGroupBy } from "@coordina/domain"
import { ReviewRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Today } from "./Today.js"

/** What the review is asked for; `groupBy` defaults to the rule set, `asOf` to today. */
export interface ReviewQuery {
  readonly groupBy?: ReviewGroupBy | undefined
  readonly asOf?: IsoDate | undefined
}

const make = Effect.gen(function* () {
  const repo = yield* ReviewRepository
  const clock = yield* Today

  /** The review by group, and the total. */
  const report = Effect.fn("Review.report")(function* (query: ReviewQuery) {
    return yield* repo.review({
      groupBy: query.groupBy ?? "procedure",
      asOf: query.asOf ?? (yield* clock.date),
    })
  })

  return { report } as const
})

/** The review of the agreements procedure. */
export class OrdinanceReview extends Context.Tag("@coordina/app/OrdinanceReview")<
  OrdinanceReview,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the clock. */
  static readonly layer = Layer.effect(OrdinanceReview, make)
}
