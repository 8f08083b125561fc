import { isoDate, reviewOf } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { generate, insertData } from "./bench/agreementsData.js"
import { ReviewRepository } from "./ReviewRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const data = generate({
  agreements: 400,
  measuresPerAgreement: 4,
  tasksPerAgreement: 2,
  municipalities: 12,
  seed: 7,
})
const places = new Map(data.institutions.map((i) => [i.id, { ...i, name: i.id }]))

describe.each(testDatabases())("ReviewRepository on $name", (db) => {
  const layer = () => ReviewRepository.layer.pipe(Layer.provideMerge(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("gives the same review as the domain's fold over the same rows", () =>
    Effect.gen(function* () {
      yield* insertData(data)
      const repo = yield* ReviewRepository
      for (const groupBy of ["procedure", "planningRegion", "province", "municipality"] as const)
        for (const asOf of ["2018-06-30", "2019-12-31", "2021-06-30"]) {
          const options = { groupBy, asOf: isoDate(asOf), placeOf: (id: string) => places.get(id) }
          const expected = reviewOf(options, data)
          expect(yield* repo.review({ groupBy, asOf: isoDate(asOf) }), `${groupBy} ${asOf}`).toEqual(expected)
        }
      const total = (yield* repo.review({ groupBy: "procedure", asOf: isoDate("2021-06-30") })).total
      expect(total.funnel.intents).toBeGreaterThan(0)
      expect(total.funnel.concluded).toBeLessThan(total.funnel.intents)
    }).pipe(Effect.provide(layer())),
  )
})
