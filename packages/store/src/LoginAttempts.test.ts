import { throttleSignIn } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { LoginAttempts } from "./LoginAttempts.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

describe.each(testDatabases())("LoginAttempts on $name", (db) => {
  const layer = () => LoginAttempts.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("counts failures per account since its last success and per address", () =>
    Effect.gen(function* () {
      const attempts = yield* LoginAttempts
      yield* TestClock.adjust("1 day")
      for (let i = 0; i < 10; i++) {
        yield* attempts.record("ana@x.bg", "10.0.0.1", false)
        yield* TestClock.adjust("1 second")
      }
      const f = yield* attempts.recentFailures("ana@x.bg", "10.0.0.2")
      expect(f.account).toHaveLength(10)
      expect(f.address).toHaveLength(0)
      expect(throttleSignIn(f, f.now)._tag).toBe("Wait")
      yield* attempts.record("ana@x.bg", "10.0.0.1", true)
      yield* TestClock.adjust("1 second")
      const after = yield* attempts.recentFailures("ana@x.bg", "10.0.0.1")
      expect(after.account).toHaveLength(0)
      expect(after.address).toHaveLength(10)
      yield* TestClock.adjust("16 minutes")
      expect((yield* attempts.recentFailures("ana@x.bg", "10.0.0.1")).address).toHaveLength(0)
      expect(yield* attempts.purgeBefore(new Date(2 * 86_400_000).toISOString(), false)).toBe(11)
    }).pipe(Effect.provide(layer())),
  )
})
