import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/**
 * Integration agreements: beneficiaries (case record and personal data apart), municipal
 * offers, agreements (snapshot and append-only events), plan measures and coordination tasks.
 * Measures and tasks repeat their agreement's rule set and municipality (fixed from the match
 * on) so that the review can count them without a join.
 */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE beneficiaries (
      id TEXT PRIMARY KEY,
      pseudonym TEXT NOT NULL UNIQUE,
      status_kind TEXT NOT NULL,
      status_decision_date TEXT NOT NULL,
      family_members INTEGER NOT NULL,
      created_at TEXT NOT NULL
    )`
  yield* sql`
    CREATE TABLE beneficiary_personal (
      beneficiary_id TEXT PRIMARY KEY REFERENCES beneficiaries(id),
      given_name TEXT NOT NULL,
      family_name TEXT NOT NULL,
      birth_date TEXT,
      citizenship TEXT,
      gender TEXT
    )`
  yield* sql`
    CREATE TABLE municipal_offers (
      id TEXT PRIMARY KEY,
      municipality_id TEXT NOT NULL,
      offered_on TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      taken INTEGER NOT NULL,
      planned_areas TEXT NOT NULL,
      note TEXT,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX municipal_offers_municipality ON municipal_offers (municipality_id, id)`
  yield* sql`
    CREATE TABLE agreements (
      id TEXT PRIMARY KEY,
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      procedure_id TEXT NOT NULL,
      state TEXT NOT NULL,
      status_decision_date TEXT NOT NULL,
      intent_date TEXT NOT NULL,
      intent_deadline TEXT,
      intent_late INTEGER NOT NULL,
      offer_id TEXT REFERENCES municipal_offers(id),
      municipality_id TEXT,
      matched_on TEXT,
      concluded_on TEXT,
      signed_by TEXT,
      start_date TEXT,
      end_date TEXT,
      extensions INTEGER NOT NULL,
      extended_on TEXT,
      terminated_on TEXT,
      termination_ground TEXT,
      initiator TEXT,
      closed_on TEXT,
      close_reason TEXT,
      version INTEGER NOT NULL,
      plan_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX agreements_municipality ON agreements (municipality_id, id)`
  yield* sql`CREATE INDEX agreements_state ON agreements (state, id)`
  yield* sql`CREATE INDEX agreements_procedure ON agreements (procedure_id, id)`
  yield* sql`CREATE INDEX agreements_beneficiary ON agreements (beneficiary_id)`
  yield* sql`
    CREATE TABLE agreement_events (
      agreement_id TEXT NOT NULL REFERENCES agreements(id),
      seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (agreement_id, seq)
    )`
  yield* sql`
    CREATE TABLE plan_measures (
      id TEXT PRIMARY KEY,
      agreement_id TEXT NOT NULL REFERENCES agreements(id),
      procedure_id TEXT NOT NULL,
      municipality_id TEXT,
      position INTEGER NOT NULL,
      area TEXT NOT NULL,
      responsible_institution_id TEXT NOT NULL,
      due_date TEXT NOT NULL,
      note TEXT,
      status TEXT NOT NULL,
      evidence TEXT NOT NULL,
      done_on TEXT
    )`
  yield* sql`CREATE INDEX plan_measures_agreement ON plan_measures (agreement_id, position)`
  // Covering index: the review counts measures by group and area from the index alone.
  yield* sql`CREATE INDEX plan_measures_review ON plan_measures (procedure_id, municipality_id, area, status, due_date, done_on)`
  yield* sql`
    CREATE TABLE coordination_tasks (
      id TEXT PRIMARY KEY,
      agreement_id TEXT NOT NULL REFERENCES agreements(id),
      measure_id TEXT NOT NULL,
      procedure_id TEXT NOT NULL,
      municipality_id TEXT,
      institution_id TEXT NOT NULL,
      area TEXT NOT NULL,
      opened_on TEXT NOT NULL,
      due_date TEXT NOT NULL,
      status TEXT NOT NULL,
      accepted_on TEXT,
      rejected_on TEXT,
      reason TEXT,
      done_on TEXT,
      outcome TEXT,
      version INTEGER NOT NULL
    )`
  yield* sql`CREATE INDEX coordination_tasks_institution ON coordination_tasks (institution_id, id)`
  yield* sql`CREATE INDEX coordination_tasks_agreement ON coordination_tasks (agreement_id)`
  yield* sql`CREATE INDEX coordination_tasks_measure ON coordination_tasks (measure_id)`
  yield* sql`CREATE INDEX coordination_tasks_review ON coordination_tasks (procedure_id, municipality_id, institution_id, opened_on, due_date, done_on)`
})
