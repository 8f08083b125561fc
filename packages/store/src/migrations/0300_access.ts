import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/** Users, sessions, API keys, sign-in attempts, idempotency keys, retention runs; the audit log made append-only. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      roles TEXT NOT NULL,
      disabled INTEGER NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      csrf_hash TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      revoked_at TEXT
    )`
  yield* sql`CREATE INDEX sessions_user ON sessions (user_id)`
  yield* sql`CREATE INDEX sessions_expires ON sessions (expires_at)`
  yield* sql`
    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      scopes TEXT NOT NULL,
      expires_at TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      revoked_at TEXT,
      last_used_at TEXT
    )`
  yield* sql`
    CREATE TABLE login_attempts (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      account TEXT NOT NULL,
      address TEXT NOT NULL,
      success INTEGER NOT NULL
    )`
  yield* sql`CREATE INDEX login_attempts_account ON login_attempts (account, at)`
  yield* sql`CREATE INDEX login_attempts_address ON login_attempts (address, at)`
  yield* sql`
    CREATE TABLE idempotency_keys (
      principal TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      body_hash TEXT NOT NULL,
      status INTEGER,
      response_body TEXT,
      content_type TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (principal, idempotency_key)
    )`
  yield* sql`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`
  yield* sql`
    CREATE TABLE retention_runs (
      id TEXT PRIMARY KEY,
      as_of TEXT NOT NULL,
      dry_run INTEGER NOT NULL,
      counts TEXT NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX audit_log_action ON audit_log (action, id)`
  // Erasure may overwrite an entry's before/after once, to take personal data out; nothing else
  // about an entry ever changes and no entry is ever deleted.
  yield* sql`ALTER TABLE audit_log ADD COLUMN redacted_at TEXT`
  yield* sql.onDialectOrElse({
    pg: () =>
      Effect.all([
        sql.unsafe(`
          CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
              OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.action IS DISTINCT FROM OLD.action
              OR NEW.entity IS DISTINCT FROM OLD.entity OR NEW.redacted_at IS NULL THEN
              RAISE EXCEPTION 'the audit log is append-only';
            END IF;
            RETURN NEW;
          END $$`),
        sql.unsafe(`
          CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`),
      ]),
    orElse: () =>
      Effect.all([
        sql.unsafe(`
          CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`),
        sql.unsafe(`
          CREATE TRIGGER audit_log_redact_only BEFORE UPDATE ON audit_log
          WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
            OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity OR NEW.redacted_at IS NULL
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`),
      ]),
  })
})
