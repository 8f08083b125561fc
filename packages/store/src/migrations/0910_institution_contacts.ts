/**
 * Institutions' contact addresses, the recipients of their task e-mails: a JSON array of
 * lower-cased addresses (at most 20), read and written whole with the institution.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE institutions ADD COLUMN contact_emails TEXT NOT NULL DEFAULT '[]'`
})
