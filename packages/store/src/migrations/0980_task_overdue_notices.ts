/**
 * The tasks whose becoming overdue was published as `task.overdue`: one row per task (its primary
 * key), inserted in the transaction of the publish, so a task is announced overdue once however
 * often, or by however many workers, the daily job runs.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE task_overdue_notices (
      task_id TEXT PRIMARY KEY REFERENCES coordination_tasks(id),
      overdue_on TEXT NOT NULL,
      published_at TEXT NOT NULL
    )`
})
