/**
 * Users' notification preferences. Only the language and the turned-off kinds are stored; a
 * user with no row has the defaults.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  defaultNotificationPreferences,
  EmailLanguage,
  type NotificationPreferences,
  preferencesFrom,
  turnedOff,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { json } from "./Rows.js"

const decodeLanguage = Schema.decodeUnknownSync(EmailLanguage)

const fromRow = (r: Record<string, unknown>): NotificationPreferences =>
  preferencesFrom(decodeLanguage(r.language), json<ReadonlyArray<string>>(r.turnedOff))

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /** The user's preferences, or the defaults when they never chose. */
  const get = Effect.fn("NotificationPreferencesRepository.get")(function* (userId: string) {
    const rows = yield* sql`SELECT * FROM notification_preferences WHERE user_id = ${userId}`.pipe(
      Effect.orDie,
    )
    return rows[0] ? fromRow(rows[0]) : defaultNotificationPreferences
  })

  /** The preferences of several users at once, the defaults for those who never chose. */
  const getMany = Effect.fn("NotificationPreferencesRepository.getMany")(function* (
    userIds: ReadonlyArray<string>,
  ) {
    const unique = [...new Set(userIds)]
    const out = new Map<string, NotificationPreferences>(
      unique.map((id) => [id, defaultNotificationPreferences]),
    )
    for (let i = 0; i < unique.length; i += 500) {
      const rows =
        yield* sql`SELECT * FROM notification_preferences WHERE ${sql.in("user_id", unique.slice(i, i + 500))}`.pipe(
          Effect.orDie,
        )
      for (const r of rows) out.set(String(r.userId), fromRow(r))
    }
    return out as ReadonlyMap<string, NotificationPreferences>
  })

  /** Replaces the user's preferences. */
  const put = Effect.fn("NotificationPreferencesRepository.put")(function* (
    userId: string,
    preferences: NotificationPreferences,
  ) {
    const now = DateTime.formatIso(yield* DateTime.now)
    const off = JSON.stringify(turnedOff(preferences))
    yield* sql`
      INSERT INTO notification_preferences (user_id, language, turned_off, updated_at)
      VALUES (${userId}, ${preferences.language}, ${off}, ${now})
      ON CONFLICT (user_id) DO UPDATE SET
        language = ${preferences.language}, turned_off = ${off}, updated_at = ${now}`.pipe(Effect.orDie)
    return yield* get(userId)
  })

  return { get, getMany, put } as const
})

/** Stores notification preferences. */
export class NotificationPreferencesRepository extends Context.Tag(
  "@coordina/store/NotificationPreferencesRepository",
)<NotificationPreferencesRepository, Effect.Effect.Success<typeof make>>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(NotificationPreferencesRepository, make)
}
