/**
 * A scheduled job: a cron expression, and work that is idempotent per period. The scheduler
 * claims each (job, period) through the store's `JobRuns`, so a period is produced once even
 * with several workers.
 * @module
 */
import type { AppServices } from "@coordina/app"
import { todayIn } from "@coordina/domain"
import { JobRuns, type RunOutcome } from "@coordina/store"
import { Cron, DateTime, Effect, Either } from "effect"

/** One scheduled job. */
export interface Job {
  /** Stable name, part of the idempotency key. */
  readonly name: string
  /** When it runs, as a cron expression (minute hour day month weekday). */
  readonly cron: string
  /** The period a firing at `at` produces, e.g. the day `2026-11-28` for a daily job. */
  readonly periodOf: (at: Date, timeZone: string) => string
  /** The work for one period; runs inside the claim's transaction. */
  readonly run: (period: string) => Effect.Effect<void, never, AppServices>
}

/** The calendar day of an instant in a time zone, `YYYY-MM-DD`: the domain's one rule for "today". */
export const dayIn = (at: Date, timeZone: string): string => todayIn(timeZone, at.getTime())

/** The parsed schedule of a job; a malformed cron expression is a defect at start-up. */
export const cronOf = (job: Job, timeZone: string): Cron.Cron =>
  Either.getOrThrowWith(Cron.parse(job.cron, timeZone), (e) => new Error(`${job.name}: ${e.message}`))

/** Runs a job for the period its latest firing at or before `now` belongs to. */
export const runDue = (
  job: Job,
  now: Date,
  timeZone: string,
): Effect.Effect<RunOutcome, never, AppServices> =>
  Effect.gen(function* () {
    const runs = yield* JobRuns
    const firing = Cron.prev(cronOf(job, timeZone), new Date(now.getTime() + 1))
    const period = job.periodOf(firing, timeZone)
    const outcome = yield* runs.runOnce(job.name, period, job.run(period))
    yield* Effect.logInfo(`${job.name} ${period}: ${outcome}`)
    return outcome
  })

/** Runs a job at every firing of its cron expression, forever. */
export const schedule = (job: Job, timeZone: string): Effect.Effect<never, never, AppServices> => {
  const cron = cronOf(job, timeZone)
  const waitForNext = Effect.gen(function* () {
    const now = yield* DateTime.now
    const next = Cron.next(cron, DateTime.toDate(now))
    yield* Effect.sleep(Math.max(0, next.getTime() - DateTime.toEpochMillis(now)))
    return next
  })
  return waitForNext.pipe(
    Effect.flatMap((at) => runDue(job, at, timeZone)),
    Effect.catchAllDefect((defect) => Effect.logError(`${job.name} failed`, defect)),
    Effect.forever,
  )
}
