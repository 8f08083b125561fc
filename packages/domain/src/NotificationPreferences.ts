/**
 * What a staff user receives by e-mail, and in which language. Everything is on until the user
 * turns it off; a kind added later is on for everyone, because only the turned-off kinds are kept.
 * @module
 */
import { Schema } from "effect"

/** The kinds of e-mail a user can turn on or off. */
export const NotificationKind = Schema.Literal(
  "task_assigned",
  "task_reminder",
  "task_overdue",
  "daily_digest",
  "event_messages",
).annotations({ identifier: "NotificationKind" })
/** The kinds of e-mail a user can turn on or off. */
export type NotificationKind = typeof NotificationKind.Type

/** Every notification kind, in the schema's order. */
export const notificationKinds: ReadonlyArray<NotificationKind> = NotificationKind.literals

/** The languages e-mails are written in. */
export const EmailLanguage = Schema.Literal("bg", "en").annotations({ identifier: "EmailLanguage" })
/** The languages e-mails are written in. */
export type EmailLanguage = typeof EmailLanguage.Type

const on = (description: string) =>
  Schema.optionalWith(Schema.Boolean.annotations({ description }), { default: () => true })

/** One switch per kind; a kind left out of a request is on. */
export const NotificationSwitches = Schema.Struct({
  task_assigned: on("A task addressed to the user's institution"),
  task_reminder: on("A reminder some working days before a task's due date"),
  task_overdue: on("A task of the user's institution is overdue"),
  daily_digest: on("Coordinators: the daily digest of their projects"),
  event_messages: on("Confirmations and reminders of events"),
}).annotations({ identifier: "NotificationSwitches" })

/** A user's notification preferences, as `GET`/`PUT /v1/users/me/notifications` carry them. */
export class NotificationPreferences extends Schema.Class<NotificationPreferences>("NotificationPreferences")(
  {
    language: Schema.optionalWith(EmailLanguage, { default: () => "bg" as const }),
    kinds: Schema.optionalWith(NotificationSwitches, { default: () => NotificationSwitches.make({}) }),
  },
) {}

/** What a user who never chose anything gets: everything, in Bulgarian. */
export const defaultNotificationPreferences: NotificationPreferences = NotificationPreferences.make({})

/** Whether the preferences let an e-mail of `kind` through. */
export const receives = (preferences: NotificationPreferences, kind: NotificationKind): boolean =>
  preferences.kinds[kind]

/** The kinds the user turned off: what is stored, so that kinds added later start on. */
export const turnedOff = (preferences: NotificationPreferences): ReadonlyArray<NotificationKind> =>
  notificationKinds.filter((kind) => !preferences.kinds[kind])

/** Preferences from the stored language and turned-off kinds; unknown stored kinds are ignored. */
export const preferencesFrom = (
  language: EmailLanguage,
  off: ReadonlyArray<string>,
): NotificationPreferences =>
  NotificationPreferences.make({
    language,
    kinds: NotificationSwitches.make(
      Object.fromEntries(notificationKinds.map((kind) => [kind, !off.includes(kind)])) as Record<
        NotificationKind,
        boolean
      >,
    ),
  })
