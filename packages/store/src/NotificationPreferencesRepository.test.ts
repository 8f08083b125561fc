import { NotificationPreferences, NotificationSwitches } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { NotificationPreferencesRepository } from "./NotificationPreferencesRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"
import { UsersRepository } from "./UsersRepository.js"

const user = (email: string) => ({
  email,
  displayName: "Staff",
  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
  roles: [{ role: "auditor" as const }],
})

describe.each(testDatabases())("NotificationPreferencesRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(UsersRepository.layer, NotificationPreferencesRepository.layer).pipe(
      Layer.provide(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)("answers the defaults, then stores, replaces and reads many", () =>
    Effect.gen(function* () {
      const users = yield* UsersRepository
      const prefs = yield* NotificationPreferencesRepository
      const ana = yield* users.create(user("ana@x.bg"))
      const ivo = yield* users.create(user("ivo@x.bg"))
      const fresh = yield* prefs.get(ana.id)
      expect(fresh).toMatchObject({ language: "bg", kinds: { task_assigned: true, daily_digest: true } })
      const stored = yield* prefs.put(
        ana.id,
        NotificationPreferences.make({
          language: "en",
          kinds: NotificationSwitches.make({ daily_digest: false, task_reminder: false }),
        }),
      )
      expect(stored.language).toBe("en")
      expect(stored.kinds).toEqual({
        task_assigned: true,
        task_reminder: false,
        task_overdue: true,
        daily_digest: false,
        event_messages: true,
      })
      expect(yield* prefs.get(ana.id)).toEqual(stored)
      // A second put replaces the first whole.
      const again = yield* prefs.put(ana.id, NotificationPreferences.make({ language: "bg" }))
      expect(again.kinds.daily_digest).toBe(true)
      expect(again.language).toBe("bg")
      yield* prefs.put(
        ivo.id,
        NotificationPreferences.make({ kinds: NotificationSwitches.make({ task_overdue: false }) }),
      )
      const many = yield* prefs.getMany([ana.id, ivo.id, "usr_none"])
      expect(many.get(ivo.id)?.kinds.task_overdue).toBe(false)
      expect(many.get(ana.id)?.kinds.task_overdue).toBe(true)
      expect(many.get("usr_none")?.language).toBe("bg")
    }).pipe(Effect.provide(layer())),
  )
})
