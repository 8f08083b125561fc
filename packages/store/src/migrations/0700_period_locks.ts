/**
 * Submission and locked periods: a report version records who submitted it, when and with what
 * note; each submission locks the project's records dated in its period (a lock row) until an
 * admin unlocks it with a reason; every correction made after that is a revision row, which the
 * next report lists.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE reports ADD COLUMN submitted_at TEXT`
  yield* sql`ALTER TABLE reports ADD COLUMN submitted_by TEXT`
  yield* sql`ALTER TABLE reports ADD COLUMN submit_note TEXT`
  yield* sql`ALTER TABLE reports ADD COLUMN lock_id TEXT`
  yield* sql`
    CREATE TABLE period_locks (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      report_id TEXT NOT NULL REFERENCES reports(id),
      period_start TEXT NOT NULL,
      period_end TEXT NOT NULL,
      locked_at TEXT NOT NULL,
      locked_by TEXT NOT NULL,
      unlocked_at TEXT,
      unlocked_by TEXT,
      unlock_reason TEXT
    )`
  yield* sql`CREATE INDEX period_locks_project ON period_locks (project_id, period_start)`
  yield* sql`
    CREATE TABLE period_revisions (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      lock_id TEXT NOT NULL REFERENCES period_locks(id),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      entity TEXT NOT NULL,
      change TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX period_revisions_project ON period_revisions (project_id, at)`
})
