/**
 * The manual: a project's manual with its current chapters (JSON, replaced whole), and its
 * published versions, each a snapshot of the chapters with the practices and recommendations as
 * they were, which nothing ever updates.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE manuals (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects (id),
      title TEXT NOT NULL,
      chapters TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX manuals_project ON manuals (project_id, id)`
  yield* sql`
    CREATE TABLE manual_versions (
      manual_id TEXT NOT NULL REFERENCES manuals (id),
      version INTEGER NOT NULL,
      published_at TEXT NOT NULL,
      snapshot TEXT NOT NULL,
      PRIMARY KEY (manual_id, version)
    )`
})
