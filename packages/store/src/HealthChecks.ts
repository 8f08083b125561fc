/**
 * A daily record that the database answered and how many tables it holds: the worker's
 * first job, and a trace an operator can read back.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Context, DateTime, Effect, Layer } from "effect"
import { int } from "./Rows.js"

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const countTables = sql
    .onDialectOrElse({
      pg: () =>
        sql`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()`,
      orElse: () => sql`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`,
    })
    .pipe(Effect.map((rows) => int(rows[0]?.n)))

  const record = Effect.fn("HealthChecks.record")(function* (period: string) {
    const checkedAt = DateTime.formatIso(yield* DateTime.now)
    const tables = yield* countTables.pipe(Effect.orDie)
    yield* sql`INSERT INTO health_checks ${sql.insert({ period, checkedAt, ok: 1, tables })}`.pipe(
      Effect.orDie,
    )
    return { period, checkedAt, tables }
  })

  const list = Effect.fn("HealthChecks.list")(function* () {
    const rows = yield* sql`SELECT period, checked_at, tables FROM health_checks ORDER BY period`.pipe(
      Effect.orDie,
    )
    return rows.map((r) => ({
      period: String(r.period),
      checkedAt: String(r.checkedAt),
      tables: int(r.tables),
    }))
  })

  return { record, list } as const
})

/** Daily database health records. */
export class HealthChecks extends Context.Tag("@coordina/store/HealthChecks")<
  HealthChecks,
  Effect.Effect.Success<typeof make>
>() {
  /** Health checks over the current `SqlClient`. */
  static readonly layer = Layer.effect(HealthChecks, make)
}
