/**
 * The worker's report loop: queue the scheduled reports that are due, then claim and generate
 * queued ones until none is left, then wait a little and look again. Every worker runs it; the
 * claims in the database decide who generates what.
 * @module
 */
import { type JobOptions, ReportJobs } from "@coordina/app"
import { Effect } from "effect"
import type { WorkerConfig } from "./Config.js"

/** The options of this worker's claims. */
export const jobOptions = (config: WorkerConfig): JobOptions => ({
  worker: config.workerId,
  leaseSeconds: config.reportLeaseSeconds,
  maxAttempts: 3,
  stepDelayMs: config.reportStepDelayMs,
})

/** Queues what is due and generates until the queue is empty; how many it generated. */
export const drainReports = (config: WorkerConfig) =>
  Effect.gen(function* () {
    const jobs = yield* ReportJobs
    const queued = yield* jobs.enqueueDue(new Date(yield* Effect.clockWith((c) => c.currentTimeMillis)))
    if (queued > 0) yield* Effect.logInfo(`reports: ${queued} scheduled report(s) queued`)
    let generated = 0
    while (yield* jobs.runNext(jobOptions(config))) generated++
    return generated
  })

/** The loop, forever. */
export const reportLoop = (config: WorkerConfig) =>
  drainReports(config).pipe(
    Effect.catchAllDefect((defect) => Effect.logError("reports: the loop met an error", defect)),
    Effect.zipRight(Effect.sleep(config.reportPollMs)),
    Effect.forever,
  )
