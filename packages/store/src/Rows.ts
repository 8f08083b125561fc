/**
 * Helpers for reading rows the same way from SQLite and PostgreSQL.
 * @module
 */
import type * as SqlClient from "@effect/sql/SqlClient"

/** A count or integer column: PostgreSQL sends 64-bit integers as strings. */
export const int = (v: unknown): number => (typeof v === "number" ? v : v == null ? 0 : Number(v))

/** A JSON text column. */
export const json = <A>(v: unknown): A => (typeof v === "string" ? (JSON.parse(v) as A) : (v as A))

/** An optional text column: SQL NULL becomes a missing property. */
export const opt = <K extends string>(key: K, v: unknown): { [P in K]?: string } =>
  (v == null ? {} : { [key]: String(v) }) as { [P in K]?: string }

/** What a list request asks for: a page size and where to continue. */
export interface PageRequest {
  readonly cursor?: string | undefined
  readonly limit?: number | undefined
}

/** The page size a list asks for: 50 by default, at most 500. */
export const pageSize = (limit: number | undefined): number => Math.min(Math.max(limit ?? 50, 1), 500)

/** A page of items and the cursor of the next one, if there is more; `total` counts every page. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor: string | null
  readonly total?: number | undefined
}

/** Cuts a `limit + 1` row fetch into a page, with the last id as the next cursor. */
export const toPage = <A extends { readonly id: string }>(rows: ReadonlyArray<A>, limit: number): Page<A> => {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
}

/**
 * The records a caller may see, as a SQL condition on `column`: every record, or those whose
 * `column` is one of the listed ids (none when the list is empty). Filtering in the query, not
 * after it, keeps every page full.
 */
export const inScope = (sql: SqlClient.SqlClient, column: string, scope: "all" | ReadonlyArray<string>) =>
  scope === "all" ? sql`1 = 1` : scope.length === 0 ? sql`1 = 0` : sql.in(column, scope)
