/**
 * Event evaluations: one questionnaire per event, the links handed to those who attended, and
 * the answer sheets.
 *
 * A link keeps only the SHA-256 of its token and whether it has answered: no time, so it cannot
 * be matched to an answer sheet by when either was written. An answer sheet given through a link
 * is found again (to edit it) by another hash of the same token, which cannot be computed from
 * the link's; only when the questionnaire is not anonymous does the sheet name its participation.
 * Sheets entered by staff from paper forms have no key at all.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE evaluations (
    event_id TEXT PRIMARY KEY,
    questions TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    usefulness TEXT,
    anonymous INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  )`
  yield* sql`CREATE TABLE evaluation_links (
    token_hash TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    participation_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, participation_id)
  )`
  yield* sql`CREATE TABLE evaluation_answers (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    answer_key TEXT UNIQUE,
    participation_id TEXT,
    source TEXT NOT NULL,
    answers TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`
  yield* sql`CREATE INDEX evaluation_answers_event ON evaluation_answers (event_id)`
})
