import { UserChange } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, TestClock } from "effect"
import { SessionsRepository } from "./SessionsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"
import { UsersRepository } from "./UsersRepository.js"

const ana = {
  email: "ana@sofia.bg",
  displayName: "Ana Petrova",
  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
  roles: [{ role: "case_worker" as const, municipalityIds: ["ins_sofia"] }],
}

describe.each(testDatabases())("UsersRepository and SessionsRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(UsersRepository.layer, SessionsRepository.layer).pipe(
      Layer.provide(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)("creates a user, refuses the email twice, and never shows the hash", () =>
    Effect.gen(function* () {
      const users = yield* UsersRepository
      const created = yield* users.create(ana)
      expect(created).toMatchObject({ email: "ana@sofia.bg", roles: ana.roles, disabled: false, version: 1 })
      expect(JSON.stringify(created)).not.toContain("argon2")
      const again = yield* Effect.flip(users.create(ana))
      expect(again).toMatchObject({ _tag: "UserEmailTaken", existingId: created.id })
      const creds = Option.getOrThrow(yield* users.credentials("ana@sofia.bg"))
      expect(creds.passwordHash).toBe(ana.passwordHash)
      expect(yield* users.count).toBe(1)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("updates only at the expected version", () =>
    Effect.gen(function* () {
      const users = yield* UsersRepository
      const created = yield* users.create(ana)
      const { after } = yield* users.update(
        created.id,
        1,
        new UserChange({ disabled: true, roles: [{ role: "auditor" }] }),
      )
      expect(after).toMatchObject({ disabled: true, roles: [{ role: "auditor" }], version: 2 })
      const stale = yield* Effect.flip(users.update(created.id, 1, new UserChange({ disabled: false })))
      expect(stale).toMatchObject({ _tag: "UserVersionStale", expectedVersion: 1, currentVersion: 2 })
      const missing = yield* Effect.flip(users.update("usr_nope", 1, new UserChange({})))
      expect(missing._tag).toBe("UserNotFound")
      const page = yield* users.list({ limit: 10 })
      expect(page.items.map((u) => u.id)).toEqual([created.id])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "resolves a session until it is revoked, idle, expired or its user disabled",
    () =>
      Effect.gen(function* () {
        const users = yield* UsersRepository
        const sessions = yield* SessionsRepository
        const user = yield* users.create(ana)
        const s = yield* sessions.create({ userId: user.id, tokenHash: "t1", csrfHash: "c1" })
        const live = Option.getOrThrow(yield* sessions.resolve("t1"))
        expect(live).toMatchObject({ sessionId: s.id, csrfHash: "c1", user: { id: user.id } })
        expect(Option.isNone(yield* sessions.resolve("other"))).toBe(true)
        yield* sessions.revoke(s.id)
        expect(Option.isNone(yield* sessions.resolve("t1"))).toBe(true)

        yield* sessions.create({ userId: user.id, tokenHash: "t2", csrfHash: "c2" })
        yield* TestClock.adjust("29 minutes")
        expect(Option.isSome(yield* sessions.resolve("t2"))).toBe(true)
        yield* TestClock.adjust("29 minutes")
        // Touched 29 minutes in, so still alive 58 minutes after sign-in.
        expect(Option.isSome(yield* sessions.resolve("t2"))).toBe(true)
        yield* TestClock.adjust("31 minutes")
        expect(Option.isNone(yield* sessions.resolve("t2"))).toBe(true)

        yield* sessions.create({ userId: user.id, tokenHash: "t3", csrfHash: "c3" })
        yield* users.update(user.id, 1, new UserChange({ disabled: true }))
        expect(Option.isNone(yield* sessions.resolve("t3"))).toBe(true)
        yield* users.update(user.id, 2, new UserChange({ disabled: false }))
        expect(Option.isSome(yield* sessions.resolve("t3"))).toBe(true)
        yield* sessions.revokeAllOf(user.id)
        expect(Option.isNone(yield* sessions.resolve("t3"))).toBe(true)

        yield* sessions.create({ userId: user.id, tokenHash: "t4", csrfHash: "c4" })
        for (let i = 0; i < 25; i++) {
          yield* TestClock.adjust("29 minutes")
          yield* sessions.resolve("t4")
        }
        // Active all along, but 12 hours after sign-in the session ends anyway.
        expect(Option.isNone(yield* sessions.resolve("t4"))).toBe(true)
        expect(yield* sessions.purgeEndedBefore(new Date(Date.UTC(1971, 0, 1)).toISOString(), true)).toBe(4)
        expect(yield* sessions.purgeEndedBefore(new Date(Date.UTC(1971, 0, 1)).toISOString(), false)).toBe(4)
      }).pipe(Effect.provide(layer())),
  )
})
