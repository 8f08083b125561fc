/**
 * The outbox: webhook deliveries and e-mails, each written in the transaction of the change that
 * causes it. `id` is the `webhook-id`, the same on every try. A worker claims a due message by
 * writing its name and a lease; a worker that dies leaves the lease to run out, and the message
 * is claimed again (at least once, never lost).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      endpoint_id TEXT REFERENCES webhook_endpoints(id),
      event_type TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_status INTEGER,
      last_error TEXT,
      claimed_by TEXT,
      claimed_until TEXT,
      created_at TEXT NOT NULL,
      delivered_at TEXT
    )`
  // The claim's scan: only pending messages, by when they are due.
  yield* sql`CREATE INDEX outbox_due ON outbox (status, next_attempt_at)`
  yield* sql`CREATE INDEX outbox_endpoint ON outbox (endpoint_id, id)`
})
