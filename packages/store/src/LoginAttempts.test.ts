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

  it.effect.skipIf(!db.available)("reserves at most ten of 40 parallel attempts for one account", () =>
    Effect.gen(function* () {
      const attempts = yield* LoginAttempts
      yield* TestClock.adjust("1 day")
      const outcomes = yield* Effect.all(
        Array.from({ length: 40 }, (_, i) => attempts.reserve("ana@x.bg", `10.0.1.${i}`)),
        { concurrency: "unbounded" },
      )
      const proceeded = outcomes.filter((o) => o.decision._tag === "Proceed")
      expect(proceeded).toHaveLength(10)
      expect(outcomes.filter((o) => o.decision._tag === "Wait")).toHaveLength(30)
      // A right password turns its attempt into a success, which clears the account's count.
      yield* attempts.succeeded(proceeded[0]!.attemptId!)
      yield* TestClock.adjust("1 second")
      expect((yield* attempts.reserve("ana@x.bg", "10.0.2.1")).decision._tag).toBe("Proceed")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("refuses bearer tokens from an address after 20 wrong ones", () =>
    Effect.gen(function* () {
      const attempts = yield* LoginAttempts
      yield* TestClock.adjust("1 day")
      for (let i = 0; i < 20; i++) {
        expect((yield* attempts.tokenThrottle("10.0.3.1"))._tag).toBe("Proceed")
        yield* attempts.tokenFailed("10.0.3.1")
      }
      expect((yield* attempts.tokenThrottle("10.0.3.1"))._tag).toBe("Wait")
      expect((yield* attempts.tokenThrottle("10.0.3.2"))._tag).toBe("Proceed")
      yield* TestClock.adjust("16 minutes")
      expect((yield* attempts.tokenThrottle("10.0.3.1"))._tag).toBe("Proceed")
    }).pipe(Effect.provide(layer())),
  )
})
