import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { OrdinanceReview } from "./Review.js"
import { appOn, institutions, matchedIn } from "./testing/AgreementsWorld.js"

describe.each(testDatabases())("OrdinanceReview on $name", (db) => {
  // 23:30 UTC on 31 December is already New Year's Day in Sofia.
  it.effect.skipIf(!db.available)("reviews as of today in the configured zone unless asked for a day", () =>
    Effect.gen(function* () {
      yield* institutions(["ins_town"])
      yield* matchedIn("ins_town")
      const review = yield* OrdinanceReview
      const today = yield* review.report({})
      expect(today.asOf).toBe("2020-01-01")
      expect(today.total.funnel).toMatchObject({ intents: 1, matched: 1 })
      const before = yield* review.report({ groupBy: "municipality", asOf: "2019-03-16" as never })
      expect(before.groups.map((g) => [g.key, g.funnel.intents, g.funnel.matched])).toEqual([
        ["ins_town", 1, 0],
      ])
    }).pipe(Effect.provide(appOn(db, "2019-12-31T23:30:00.000Z"))),
  )
})
