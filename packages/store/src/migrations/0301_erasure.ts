import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/** When a person's or beneficiary's personal data was erased, and the key that replaced it. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE people ADD COLUMN erased_at TEXT`
  yield* sql`ALTER TABLE beneficiaries ADD COLUMN erased_at TEXT`
  yield* sql`ALTER TABLE beneficiaries ADD COLUMN erasure_key TEXT`
})
