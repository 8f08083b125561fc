/**
 * Every job the worker schedules.
 * @module
 */
import type { Job } from "../Job.js"
import { DatabaseHealthJob } from "./DatabaseHealthJob.js"
import { NotificationsJob } from "./NotificationsJob.js"
import { OverdueTasksJob } from "./OverdueTasksJob.js"
import { RetentionJob } from "./RetentionJob.js"

/** The jobs, in the order `--once` runs them. */
export const jobs: ReadonlyArray<Job> = [DatabaseHealthJob, RetentionJob, OverdueTasksJob, NotificationsJob]
