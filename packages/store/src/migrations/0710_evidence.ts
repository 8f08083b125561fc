/**
 * Evidence: files attached to a project's events and activities. The bytes live in the file
 * storage (`files`, and on PostgreSQL `file_chunks`); a row here says what the file is, what it
 * is attached to and who attached it, with the size and SHA-256 the storage computed.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE evidence (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      event_id TEXT REFERENCES events(id),
      activity_id TEXT REFERENCES activities(id),
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      media_type TEXT NOT NULL,
      size BIGINT NOT NULL,
      sha256 TEXT NOT NULL,
      file_id TEXT NOT NULL REFERENCES files(id),
      uploaded_by TEXT NOT NULL,
      uploaded_at TEXT NOT NULL,
      CHECK ((event_id IS NULL) <> (activity_id IS NULL))
    )`
  yield* sql`CREATE INDEX evidence_project ON evidence (project_id, id)`
  yield* sql`CREATE INDEX evidence_event ON evidence (event_id, id)`
  yield* sql`CREATE INDEX evidence_activity ON evidence (activity_id, id)`
})
