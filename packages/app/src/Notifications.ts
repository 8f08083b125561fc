/**
 * E-mail notifications: what each user chose to receive, and (for the worker) which e-mails
 * are due on a day.
 * @module
 */
import { type NotificationPreferences as Preferences, NotificationPreferences } from "@coordina/domain"
import { AuditLog, NotificationPreferencesRepository } from "@coordina/store"
import { Context, Effect, Layer, Schema } from "effect"
import { transaction } from "./Transaction.js"

const encode = Schema.encodeSync(NotificationPreferences)

const make = Effect.gen(function* () {
  const preferencesRepo = yield* NotificationPreferencesRepository
  const audit = yield* AuditLog

  /** The user's preferences (the defaults when they never chose). */
  const preferences = Effect.fn("Notifications.preferences")(function* (userId: string) {
    return yield* preferencesRepo.get(userId)
  })

  /** Replaces the user's preferences; the change is audited as the user's own. */
  const setPreferences = Effect.fn("Notifications.setPreferences")(function* (
    userId: string,
    next: Preferences,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const before = yield* preferencesRepo.get(userId)
        const after = yield* preferencesRepo.put(userId, next)
        yield* audit.record({
          actor: userId,
          action: "update",
          entity: `notification_preferences:${userId}`,
          before: encode(before),
          after: encode(after),
        })
        return after
      }),
    )
  })

  return { preferences, setPreferences } as const
})

/** Notification preferences and the e-mails due on a day. */
export class Notifications extends Context.Tag("@coordina/app/Notifications")<
  Notifications,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store. */
  static layer = Layer.effect(Notifications, make)
}
