/**
 * Cancellations that keep their records: a terminated agreement's measures and tasks carry the
 * day they were cancelled (and the measure its reason; a task's reason column already exists).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE plan_measures ADD COLUMN cancelled_on TEXT`
  yield* sql`ALTER TABLE plan_measures ADD COLUMN cancel_reason TEXT`
  yield* sql`ALTER TABLE coordination_tasks ADD COLUMN cancelled_on TEXT`
  // The review counts measures from this index alone, so it carries the cancellation day too.
  yield* sql`DROP INDEX plan_measures_review`
  yield* sql`CREATE INDEX plan_measures_review ON plan_measures (procedure_id, municipality_id, area, status, due_date, done_on, cancelled_on)`
})
