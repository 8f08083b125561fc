/**
 * Users' notification preferences: the e-mail language and the kinds they turned off (a JSON
 * array). A user without a row receives everything in Bulgarian; keeping only what is off lets
 * a kind added later start on for everyone.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE notification_preferences (
      user_id TEXT PRIMARY KEY REFERENCES users(id),
      language TEXT NOT NULL,
      turned_off TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
})
