/**
 * Exactly-once scheduled work: a job's run for a period is claimed by inserting its
 * (job, period) key in the same transaction as the work. A second worker's claim waits on the
 * first's uncommitted key and then finds it taken, so each period is produced once, however
 * many workers run; a run that fails rolls its claim back and is tried again.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Context, DateTime, Effect, Layer } from "effect"

/** What became of a claimed run. */
export type RunOutcome = "ran" | "already-done"

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const runOnce = <A, E, R>(job: string, period: string, work: Effect.Effect<A, E, R>) =>
    Effect.gen(function* () {
      const startedAt = DateTime.formatIso(yield* DateTime.now)
      const claimed = yield* sql`
        INSERT INTO job_runs (job, period, started_at) VALUES (${job}, ${period}, ${startedAt})
        ON CONFLICT (job, period) DO NOTHING
        RETURNING job`.pipe(Effect.orDie)
      if (claimed.length === 0) return "already-done" as RunOutcome
      yield* work
      const finishedAt = DateTime.formatIso(yield* DateTime.now)
      yield* sql`UPDATE job_runs SET finished_at = ${finishedAt} WHERE job = ${job} AND period = ${period}`.pipe(
        Effect.orDie,
      )
      return "ran" as RunOutcome
    }).pipe(sql.withTransaction, Effect.catchTag("SqlError", Effect.die))

  const list = Effect.fn("JobRuns.list")(function* (job: string) {
    return yield* sql<{ period: string; startedAt: string; finishedAt: string | null }>`
      SELECT period, started_at, finished_at FROM job_runs WHERE job = ${job} ORDER BY period`.pipe(
      Effect.orDie,
    )
  })

  return { runOnce, list } as const
})

/** Claims and runs scheduled work at most once per (job, period). */
export class JobRuns extends Context.Tag("@coordina/store/JobRuns")<
  JobRuns,
  Effect.Effect.Success<typeof make>
>() {
  /** Job runs over the current `SqlClient`. */
  static readonly layer = Layer.effect(JobRuns, make)
}
