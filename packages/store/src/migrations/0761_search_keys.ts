/**
 * Search keys for the one search box: a beneficiary's full name and an event's title under the
 * names' normalisation (so Latin input finds Cyrillic text and the reverse), worked out for the
 * rows already stored. Erased beneficiaries get the key of their erased name.
 */
import { fullNameKey, normaliseName } from "@coordina/domain"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

const page = 500

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE beneficiary_personal ADD COLUMN name_key TEXT`
  yield* sql`ALTER TABLE events ADD COLUMN title_key TEXT`
  // Paged, so a large table costs one page of memory at a time.
  let after = ""
  for (;;) {
    const rows = yield* sql<Record<string, unknown>>`
      SELECT beneficiary_id, given_name, family_name FROM beneficiary_personal
      WHERE beneficiary_id > ${after} ORDER BY beneficiary_id LIMIT ${page}`
    for (const r of rows)
      yield* sql`UPDATE beneficiary_personal SET name_key = ${fullNameKey(String(r.givenName), String(r.familyName))}
        WHERE beneficiary_id = ${String(r.beneficiaryId)}`
    if (rows.length < page) break
    after = String(rows[rows.length - 1]!.beneficiaryId)
  }
  after = ""
  for (;;) {
    const rows = yield* sql<Record<string, unknown>>`
      SELECT id, title FROM events WHERE id > ${after} ORDER BY id LIMIT ${page}`
    for (const r of rows)
      yield* sql`UPDATE events SET title_key = ${normaliseName(String(r.title))} WHERE id = ${String(r.id)}`
    if (rows.length < page) break
    after = String(rows[rows.length - 1]!.id)
  }
})
