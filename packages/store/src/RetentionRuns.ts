/**
 * Retention runs: what each run (or dry run) of the retention policy erased or deleted, in counts.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { RetentionReport } from "@coordina/domain"
import { Context, DateTime, Effect, Layer } from "effect"
import { newId } from "./Ids.js"

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /** Notes a run's report and who ran it. */
  const record = Effect.fn("RetentionRuns.record")(function* (report: RetentionReport, actor: string) {
    yield* sql`INSERT INTO retention_runs ${sql.insert({
      id: newId("ret"),
      asOf: report.asOf,
      dryRun: report.dryRun ? 1 : 0,
      counts: JSON.stringify(report.counts),
      actor,
      at: DateTime.formatIso(yield* DateTime.now),
    })}`.pipe(Effect.orDie)
  })

  /** The latest runs, newest first. */
  const latest = Effect.fn("RetentionRuns.latest")(function* (limit: number) {
    return yield* sql`SELECT * FROM retention_runs ORDER BY id DESC LIMIT ${limit}`.pipe(Effect.orDie)
  })

  return { record, latest } as const
})

/** Stores retention runs. */
export class RetentionRuns extends Context.Tag("@coordina/store/RetentionRuns")<
  RetentionRuns,
  Effect.Effect.Success<typeof make>
>() {
  /** The store over the current `SqlClient`. */
  static readonly layer = Layer.effect(RetentionRuns, make)
}
