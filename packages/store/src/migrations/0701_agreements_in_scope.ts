/**
 * Whether a project's scope covers the integration agreements: its reports then carry the
 * review's counts for their period (design/reports.md, "Agreements").
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE projects ADD COLUMN agreements_in_scope INTEGER NOT NULL DEFAULT 0`
})
