/**
 * Every morning: publish `task.overdue` for each task that became overdue, once per task (the
 * store's notices keep a second run, or a second worker, from announcing it again).
 * @module
 */
import { Tasks } from "@coordina/app"
import { isoDate } from "@coordina/domain"
import { Effect } from "effect"
import { dayIn, type Job } from "../Job.js"

/** The daily overdue-task announcement. */
export const OverdueTasksJob: Job = {
  name: "overdue-tasks",
  cron: "0 6 * * *",
  periodOf: dayIn,
  // The period is the firing's day by the domain's one rule for "today" (the Today clock's), so a
  // late or `--once` run announces what was overdue on the day it stands for.
  run: (period) =>
    Effect.gen(function* () {
      const published = yield* (yield* Tasks).publishOverdue(isoDate(period))
      yield* Effect.logInfo(`overdue-tasks ${period}: ${published} published`)
    }),
}
