/**
 * Every day: record that the database answered and how many tables it holds.
 * @module
 */
import { HealthChecks } from "@coordina/store"
import { Effect } from "effect"
import { dayIn, type Job } from "../Job.js"

/** The daily database health record. */
export const DatabaseHealthJob: Job = {
  name: "database-health",
  cron: "5 2 * * *",
  periodOf: dayIn,
  run: (period) => HealthChecks.pipe(Effect.flatMap((checks) => checks.record(period))),
}
