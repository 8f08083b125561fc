import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { JobRuns } from "./JobRuns.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

describe.each(testDatabases())("JobRuns on $name", (db) => {
  const layer = () => JobRuns.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("runs a period once, however often it is asked", () =>
    Effect.gen(function* () {
      const runs = yield* JobRuns
      let count = 0
      const work = Effect.sync(() => count++)
      expect(yield* runs.runOnce("job", "2026-11-28", work)).toBe("ran")
      expect(yield* runs.runOnce("job", "2026-11-28", work)).toBe("already-done")
      expect(yield* runs.runOnce("job", "2026-11-29", work)).toBe("ran")
      expect(count).toBe(2)
      expect((yield* runs.list("job")).map((r) => r.period)).toEqual(["2026-11-28", "2026-11-29"])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("rolls the claim back when the work fails, so it is tried again", () =>
    Effect.gen(function* () {
      const runs = yield* JobRuns
      const failed = yield* Effect.exit(runs.runOnce("job", "p", Effect.die("boom")))
      expect(failed._tag).toBe("Failure")
      expect(yield* runs.list("job")).toEqual([])
      expect(yield* runs.runOnce("job", "p", Effect.void)).toBe("ran")
    }).pipe(Effect.provide(layer())),
  )

  it.live.skipIf(!db.available)("lets only one of two concurrent claims run", () =>
    Effect.gen(function* () {
      const runs = yield* JobRuns
      let count = 0
      const work = Effect.sync(() => count++).pipe(Effect.zipRight(Effect.sleep("20 millis")))
      const outcomes = yield* Effect.all([runs.runOnce("job", "x", work), runs.runOnce("job", "x", work)], {
        concurrency: 2,
      })
      expect(outcomes.sort()).toEqual(["already-done", "ran"])
      expect(count).toBe(1)
    }).pipe(Effect.provide(layer())),
  )
})
