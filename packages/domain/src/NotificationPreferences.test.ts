import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import {
  defaultNotificationPreferences,
  NotificationPreferences,
  notificationKinds,
  preferencesFrom,
  receives,
  turnedOff,
} from "./NotificationPreferences.js"

const decode = Schema.decodeUnknownEither(NotificationPreferences)

describe("notification preferences", () => {
  it("default to everything on, in Bulgarian", () => {
    expect(defaultNotificationPreferences.language).toBe("bg")
    for (const kind of notificationKinds) expect(receives(defaultNotificationPreferences, kind)).toBe(true)
    expect(turnedOff(defaultNotificationPreferences)).toEqual([])
  })
  it("take a partial request: what is left out is on", () => {
    const prefs = Either.getOrThrow(decode({ language: "en", kinds: { daily_digest: false } }))
    expect(prefs.language).toBe("en")
    expect(receives(prefs, "daily_digest")).toBe(false)
    expect(receives(prefs, "task_overdue")).toBe(true)
    expect(turnedOff(prefs)).toEqual(["daily_digest"])
  })
  it("refuse an unknown language or a non-boolean switch", () => {
    expect(Either.isLeft(decode({ language: "de" }))).toBe(true)
    expect(Either.isLeft(decode({ kinds: { task_assigned: "no" } }))).toBe(true)
  })
  it("round-trip through what is stored, ignoring kinds that no longer exist", () => {
    const prefs = preferencesFrom("en", ["task_reminder", "sms_alerts"])
    expect(turnedOff(prefs)).toEqual(["task_reminder"])
    expect(preferencesFrom(prefs.language, turnedOff(prefs))).toEqual(prefs)
  })
})
