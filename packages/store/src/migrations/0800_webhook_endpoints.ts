/**
 * Webhook endpoints: where events are sent and the secret that signs them. The secret is kept as
 * given (the sender needs it to sign); removing an endpoint marks it, so past deliveries keep
 * their endpoint.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE webhook_endpoints (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      event_types TEXT NOT NULL,
      description TEXT,
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL,
      deleted_at TEXT
    )`
})
