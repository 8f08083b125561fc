/**
 * The working calendar's Council of Ministers decisions, editable by an admin: seeded with the
 * decisions the domain ships (each with its source), so a database starts from the sourced data.
 * One decision per day.
 */
import { councilOfMinistersDecisions } from "@coordina/domain"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE calendar_decisions (
      id TEXT PRIMARY KEY,
      date TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      source TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  const at = new Date(0).toISOString()
  for (const d of councilOfMinistersDecisions)
    yield* sql`INSERT INTO calendar_decisions ${sql.insert({
      // Seeded ids name their date, so every database shares them.
      id: `cal_${d.date.replaceAll("-", "")}`,
      date: d.date,
      kind: d.kind,
      source: d.source,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })}`
})
