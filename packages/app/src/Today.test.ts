import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Ids, nextId } from "./Ids.js"
import { nowIso, Today, today } from "./Today.js"

describe("Today", () => {
  it.effect("reads the date in its zone from Effect's clock", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-12-31T23:30:00Z"))
      expect(yield* today).toBe("2027-01-01")
      expect(yield* nowIso).toBe("2026-12-31T23:30:00.000Z")
    }).pipe(Effect.provide(Today.layer("Europe/Sofia"))),
  )

  it.effect("a fixed clock answers the same instant in the zone it names", () =>
    Effect.gen(function* () {
      expect(yield* today).toBe("2026-12-31")
      expect((yield* Today).zone).toBe("UTC")
    }).pipe(Effect.provide(Today.fixed("2026-12-31T23:30:00Z", "UTC"))),
  )
})

describe("Ids", () => {
  it.effect("sequential ids are predictable and distinct", () =>
    Effect.gen(function* () {
      expect([yield* nextId("prj"), yield* nextId("evt")]).toEqual(["prj_000001", "evt_000002"])
    }).pipe(Effect.provide(Ids.sequential)),
  )

  it.effect("production ids carry their prefix and never repeat", () =>
    Effect.gen(function* () {
      const ids = yield* Effect.all(Array.from({ length: 1000 }, () => nextId("per")))
      expect(new Set(ids).size).toBe(1000)
      expect(ids.every((id) => id.startsWith("per_"))).toBe(true)
    }).pipe(Effect.provide(Ids.layer)),
  )
})
