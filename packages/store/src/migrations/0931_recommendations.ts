/**
 * Recommendations per level of government: the text and the saved review findings as JSON (a
 * finding is a value: a review query and the figure it cited), and the practices that support
 * each one, in the order given.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE recommendations (
      id TEXT PRIMARY KEY,
      level TEXT NOT NULL,
      content TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX recommendations_level ON recommendations (level, id)`
  yield* sql`
    CREATE TABLE recommendation_practices (
      recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
      practice_id TEXT NOT NULL REFERENCES practices (id),
      position INTEGER NOT NULL,
      PRIMARY KEY (recommendation_id, practice_id)
    )`
  yield* sql`CREATE INDEX recommendation_practices_practice ON recommendation_practices (practice_id, recommendation_id)`
})
