/**
 * Funder reports: one row per generation (queued → running → ready or failed), keyed by
 * (project, kind, period) with a version; the job's claim (worker and lease) lives on the row.
 * A version number is taken once per key (a partial unique index), so two workers can never both
 * make version N. A scheduled generation carries its schedule key, unique, so a firing seen by
 * several workers queues one job. And each project's schedules.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE reports (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      kind TEXT NOT NULL,
      period_start TEXT NOT NULL,
      period_end TEXT NOT NULL,
      language TEXT NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      percent INTEGER NOT NULL,
      step TEXT NOT NULL,
      schedule_key TEXT,
      requested_by TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      claimed_by TEXT,
      lease_until TEXT,
      attempts INTEGER NOT NULL,
      ready_at TEXT,
      content_hash TEXT,
      content TEXT,
      changes TEXT,
      same_as TEXT,
      files TEXT,
      error TEXT
    )`
  yield* sql`CREATE INDEX reports_project ON reports (project_id, requested_at)`
  yield* sql`CREATE INDEX reports_queue ON reports (status, requested_at)`
  yield* sql`CREATE UNIQUE INDEX reports_schedule_key ON reports (schedule_key)`
  // Only a generation whose content differed takes a version number of its own.
  yield* sql`
    CREATE UNIQUE INDEX reports_version ON reports (project_id, kind, period_start, period_end, language, version)
    WHERE status = 'ready' AND same_as IS NULL`
  yield* sql`
    CREATE TABLE report_schedules (
      project_id TEXT NOT NULL REFERENCES projects(id),
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      cron TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      period TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (project_id, position)
    )`
})
