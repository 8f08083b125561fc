import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/**
 * Throttle locks (one row per account or address, locked while an attempt is counted, so that
 * parallel attempts are counted one after the other) and failed bearer tokens per address.
 */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE throttle_locks (
      lock_key TEXT PRIMARY KEY,
      at TEXT NOT NULL
    )`
  yield* sql`
    CREATE TABLE token_failures (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      address TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX token_failures_address ON token_failures (address, at)`
})
