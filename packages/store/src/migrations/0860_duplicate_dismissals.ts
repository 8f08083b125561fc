/**
 * Possible-duplicate pairs a reviewer dismissed as two different people. The pair is stored in
 * id order (person_a < person_b) so one pair has one row whichever order it was named in.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE duplicate_dismissals (
      person_a TEXT NOT NULL REFERENCES people(id),
      person_b TEXT NOT NULL REFERENCES people(id),
      dismissed_by TEXT NOT NULL,
      dismissed_at TEXT NOT NULL,
      PRIMARY KEY (person_a, person_b),
      CHECK (person_a < person_b)
    )`
})
