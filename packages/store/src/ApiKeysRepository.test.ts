import { NewApiKey } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, TestClock } from "effect"
import { ApiKeysRepository } from "./ApiKeysRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

describe.each(testDatabases())("ApiKeysRepository on $name", (db) => {
  const layer = () => ApiKeysRepository.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("resolves a key by its hash until it is revoked or expires", () =>
    Effect.gen(function* () {
      const keys = yield* ApiKeysRepository
      const key = yield* keys.create(
        new NewApiKey({ name: "Sofia", scopes: ["agreements:write"] }),
        "h1",
        "usr_admin",
      )
      expect(key).toMatchObject({ name: "Sofia", scopes: ["agreements:write"], createdBy: "usr_admin" })
      expect(JSON.stringify(key)).not.toContain("h1")
      expect(Option.getOrThrow(yield* keys.resolve("h1")).id).toBe(key.id)
      expect((yield* keys.get(key.id)).lastUsedAt).toBeDefined()
      const { after } = yield* keys.revoke(key.id)
      expect(after.revokedAt).toBeDefined()
      expect(Option.isNone(yield* keys.resolve("h1"))).toBe(true)
      expect((yield* Effect.flip(keys.revoke("key_nope")))._tag).toBe("ApiKeyNotFound")

      const expiring = yield* keys.create(
        new NewApiKey({ name: "Temp", scopes: [], expiresAt: "1970-01-01T01:00:00Z" }),
        "h2",
        "usr_admin",
      )
      expect(Option.isSome(yield* keys.resolve("h2"))).toBe(true)
      yield* TestClock.adjust("1 hour")
      expect(Option.isNone(yield* keys.resolve("h2"))).toBe(true)
      const page = yield* keys.list({})
      expect(page.items.map((k) => k.id)).toEqual([key.id, expiring.id])
    }).pipe(Effect.provide(layer())),
  )
})
