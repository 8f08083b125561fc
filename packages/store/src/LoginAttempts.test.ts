import { throttleSignIn, tokenLimits } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, TestClock } from "effect"
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

  /** A token check that counts how often it ran and finds a token only when `valid`. */
  const countingCheck = (valid: boolean) => {
    const counter = { runs: 0 }
    const check = Effect.sync(() => {
      counter.runs++
      return valid ? Option.some("someone") : Option.none()
    })
    return { counter, check }
  }

  it.effect.skipIf(!db.available)("refuses bearer tokens from an address after 20 wrong ones", () =>
    Effect.gen(function* () {
      const attempts = yield* LoginAttempts
      yield* TestClock.adjust("1 day")
      const wrong = countingCheck(false)
      for (let i = 0; i < 20; i++)
        expect((yield* attempts.checkToken("10.0.3.1", wrong.check))._tag).toBe("Checked")
      expect(yield* attempts.checkToken("10.0.3.1", wrong.check)).toMatchObject({ _tag: "Wait" })
      // Past the limit not even a valid token is looked at.
      const valid = countingCheck(true)
      expect((yield* attempts.checkToken("10.0.3.1", valid.check))._tag).toBe("Wait")
      expect(valid.counter.runs).toBe(0)
      expect(wrong.counter.runs).toBe(20)
      expect(yield* attempts.checkToken("10.0.3.2", valid.check)).toEqual({
        _tag: "Checked",
        found: Option.some("someone"),
      })
      yield* TestClock.adjust("16 minutes")
      expect((yield* attempts.checkToken("10.0.3.1", wrong.check))._tag).toBe("Checked")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("checks at most 20 of 40 parallel wrong tokens from one address", () =>
    Effect.gen(function* () {
      const attempts = yield* LoginAttempts
      yield* TestClock.adjust("1 day")
      const wrong = countingCheck(false)
      const outcomes = yield* Effect.all(
        Array.from({ length: 40 }, () => attempts.checkToken("10.0.4.1", wrong.check)),
        { concurrency: "unbounded" },
      )
      expect(wrong.counter.runs).toBe(tokenLimits.perAddress)
      expect(outcomes.filter((o) => o._tag === "Checked")).toHaveLength(tokenLimits.perAddress)
      expect(outcomes.filter((o) => o._tag === "Wait")).toHaveLength(40 - tokenLimits.perAddress)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("never counts valid tokens, however many arrive at once", () =>
    Effect.gen(function* () {
      const attempts = yield* LoginAttempts
      yield* TestClock.adjust("1 day")
      const valid = countingCheck(true)
      const outcomes = yield* Effect.all(
        Array.from({ length: 40 }, () => attempts.checkToken("10.0.5.1", valid.check)),
        { concurrency: "unbounded" },
      )
      expect(outcomes.every((o) => o._tag === "Checked" && Option.isSome(o.found))).toBe(true)
      const wrong = countingCheck(false)
      for (let i = 0; i < 20; i++) yield* attempts.checkToken("10.0.5.1", wrong.check)
      expect(wrong.counter.runs).toBe(20)
    }).pipe(Effect.provide(layer())),
  )
})
