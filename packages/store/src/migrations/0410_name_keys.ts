/**
 * Name keys under the normalisation of names as people type them (NFKC, invisible characters
 * dropped, punctuation as spaces, lookalike letters folded): every stored key is worked out
 * again, so that people and institutions entered before it match those entered after.
 * Erased people keep the key erasure gave them.
 */
import { fullNameKey, normaliseName } from "@coordina/domain"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

const page = 500

const recompute = (
  table: "people" | "institutions",
  keyOf: (row: Record<string, unknown>) => string,
  where: string,
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // Paged by id, so a large table costs one page of memory at a time.
    let after = ""
    for (;;) {
      const rows = yield* sql<Record<string, unknown>>`
        SELECT * FROM ${sql(table)} WHERE id > ${after} AND ${sql.unsafe(where)} ORDER BY id LIMIT ${page}`
      for (const row of rows) {
        const key = keyOf(row)
        if (key !== row.nameKey)
          yield* sql`UPDATE ${sql(table)} SET name_key = ${key} WHERE id = ${String(row.id)}`
      }
      if (rows.length < page) return
      after = String(rows[rows.length - 1]!.id)
    }
  })

/** Works every stored name key out again with the domain's current normalisation. */
export const recomputeNameKeys = Effect.all(
  [
    recompute("people", (r) => fullNameKey(String(r.givenName), String(r.familyName)), "erased_at IS NULL"),
    recompute("institutions", (r) => normaliseName(String(r.name)), "1 = 1"),
  ],
  { discard: true },
)

export default recomputeNameKeys
