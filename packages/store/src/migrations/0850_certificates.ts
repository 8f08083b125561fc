/**
 * Attendance certificates: one public code per person and event, so issuing again finds the
 * codes already given instead of minting new ones.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE certificates (
    code TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    UNIQUE (event_id, person_id)
  )`
})
