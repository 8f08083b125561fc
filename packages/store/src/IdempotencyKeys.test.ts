import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { IdempotencyKeys } from "./IdempotencyKeys.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

describe.each(testDatabases())("IdempotencyKeys on $name", (db) => {
  const layer = () => IdempotencyKeys.layer.pipe(Layer.provide(freshDatabaseLayer(db)))
  const request = { method: "POST", path: "/v1/projects", bodyHash: "b1" }

  it.effect.skipIf(!db.available)("claims a key once per principal and keeps the first answer", () =>
    Effect.gen(function* () {
      const keys = yield* IdempotencyKeys
      expect((yield* keys.claim("usr_a", "k1", request))._tag).toBe("Claimed")
      expect(yield* keys.claim("usr_a", "k1", request)).toEqual({ _tag: "Seen", first: request })
      expect((yield* keys.claim("usr_b", "k1", request))._tag).toBe("Claimed")
      yield* keys.complete("usr_a", "k1", {
        status: 201,
        body: '{"id":"x"}',
        contentType: "application/json",
      })
      expect(yield* keys.claim("usr_a", "k1", { ...request, bodyHash: "b2" })).toEqual({
        _tag: "Seen",
        first: { ...request, response: { status: 201, body: '{"id":"x"}', contentType: "application/json" } },
      })
      yield* keys.release("usr_b", "k1")
      expect((yield* keys.claim("usr_b", "k1", request))._tag).toBe("Claimed")
      // A claim whose request never answered is taken over after a minute.
      yield* TestClock.adjust("2 minutes")
      expect((yield* keys.claim("usr_b", "k1", request))._tag).toBe("Claimed")
      expect(yield* keys.purgeBefore(new Date(86_400_000).toISOString(), false)).toBe(2)
    }).pipe(Effect.provide(layer())),
  )
})
