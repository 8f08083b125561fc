/**
 * Public event registration: an event's settings (its row is also the lock every registration
 * for the event takes, so capacity is checked one registrant at a time), the registrations with
 * their place on the waiting list, the attempts per address (hashed, never the address itself)
 * and the key that signs the form's proof, kept here so every API instance shares it.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE event_registration_settings (
      event_id TEXT PRIMARY KEY REFERENCES events(id),
      open INTEGER NOT NULL,
      capacity INTEGER,
      closes_at TEXT,
      waitlist INTEGER NOT NULL,
      next_position INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`
    CREATE TABLE registrations (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES event_registration_settings(event_id),
      person_id TEXT NOT NULL,
      status TEXT NOT NULL,
      position INTEGER NOT NULL,
      cancel_token_hash TEXT NOT NULL UNIQUE,
      language TEXT NOT NULL,
      created_at TEXT NOT NULL,
      cancelled_at TEXT
    )`
  yield* sql`CREATE INDEX registrations_event ON registrations (event_id, status, position)`
  yield* sql`
    CREATE TABLE registration_attempts (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      address_hash TEXT NOT NULL,
      at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX registration_attempts_address ON registration_attempts (event_id, address_hash, at)`
  yield* sql`
    CREATE TABLE registration_keys (
      id TEXT PRIMARY KEY,
      secret TEXT NOT NULL
    )`
})
