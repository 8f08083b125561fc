/**
 * How many rows each table holds, in one query, so a test can check that a refused request
 * changed nothing.
 * @module
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/** Rows per table, keyed by table name. */
export type RowCounts = Readonly<Record<string, number>>

/** The application's tables (not the migration bookkeeping), on either database. */
export const tableNames = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql.onDialectOrElse({
    pg: () =>
      sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`,
    orElse: () =>
      sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  })
  return rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith("effect_sql"))
    .sort()
}).pipe(Effect.orDie)

/** Counts the rows of `tables` in one round trip. */
export const rowCounts = (tables: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // Table names come from the database's own catalogue, never from a request.
    const query = tables.map((t) => `SELECT '${t}' AS name, COUNT(*) AS n FROM ${t}`).join(" UNION ALL ")
    const rows = yield* sql.unsafe<{ name: string; n: number | string }>(query)
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)])) as RowCounts
  }).pipe(Effect.orDie)
