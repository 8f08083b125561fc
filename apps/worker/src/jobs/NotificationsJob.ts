/**
 * Every morning: the e-mails due that day (task reminders, overdue notices, the coordinators'
 * and case workers' digests, as each recipient chose; the day-before reminders to those holding a
 * seat at tomorrow's events), written to the outbox. The job runs once
 * per day inside its claim's transaction, so a day's e-mails are enqueued exactly once even with
 * several workers; the outbox loop sends them.
 * @module
 */
import { Notifications, Outbox } from "@coordina/app"
import { isoDate } from "@coordina/domain"
import { Effect } from "effect"
import { dayIn, type Job } from "../Job.js"

/** What the outbox lists an e-mail as: the first part of its key (`task_reminder`, `daily_digest`, …). */
const kindOf = (key: string) => key.split(":")[0] ?? "email"

/** The morning e-mails. */
export const NotificationsJob: Job = {
  name: "notifications",
  cron: "0 7 * * *",
  periodOf: dayIn,
  run: (period) =>
    Effect.gen(function* () {
      const notifications = yield* Notifications
      const day = isoDate(period)
      const due = [
        ...(yield* notifications.dueEmails(day)),
        ...(yield* notifications.registrantReminders(day)),
      ]
      const outbox = yield* Outbox
      yield* Effect.forEach(due, (mail) => outbox.sendEmail(kindOf(mail.key), mail.message), {
        discard: true,
      })
      yield* Effect.logInfo(`notifications ${period}: ${due.length} e-mails queued`)
    }),
}
