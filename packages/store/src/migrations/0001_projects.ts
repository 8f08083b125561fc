import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE projects (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      funder TEXT,
      start_date TEXT NOT NULL,
      duration_months INTEGER NOT NULL,
      targets TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`
    CREATE TABLE project_extensions (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      months INTEGER NOT NULL,
      reason TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX project_extensions_project ON project_extensions (project_id, id)`
  yield* sql`
    CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      before TEXT,
      after TEXT
    )`
  yield* sql`CREATE INDEX audit_log_entity ON audit_log (entity, id)`
  yield* sql`CREATE INDEX audit_log_actor ON audit_log (actor, id)`
  yield* sql`
    CREATE TABLE job_runs (
      job TEXT NOT NULL,
      period TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      PRIMARY KEY (job, period)
    )`
  yield* sql`
    CREATE TABLE health_checks (
      period TEXT PRIMARY KEY,
      checked_at TEXT NOT NULL,
      ok INTEGER NOT NULL,
      tables INTEGER NOT NULL
    )`
})
