/**
 * Reach accounting: institutions, people (with their matching keys and merges), events,
 * participations with attended days, dissemination activities with the people they name,
 * and the reach rules a project may set.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  // Optional reach rules of a project: a narrower target group (JSON) and a minimum share of
  // an event's days a participant must attend.
  yield* sql`ALTER TABLE projects ADD COLUMN target_group TEXT`
  yield* sql`ALTER TABLE projects ADD COLUMN minimum_attendance_share DOUBLE PRECISION`
  yield* sql`
    CREATE TABLE institutions (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      kind TEXT NOT NULL,
      level TEXT NOT NULL,
      country TEXT NOT NULL,
      planning_region TEXT,
      province TEXT,
      municipality TEXT,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX institutions_name_key ON institutions (name_key, id)`
  // survivor_id is the record a person finally counts as (itself unless merged), kept by
  // PeopleRepository.merge/unmerge with the domain's survivorOf, so reach joins it directly.
  yield* sql`
    CREATE TABLE people (
      id TEXT PRIMARY KEY,
      given_name TEXT NOT NULL,
      family_name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      email TEXT,
      email_key TEXT,
      phone TEXT,
      gender TEXT,
      institution_id TEXT NOT NULL REFERENCES institutions(id),
      merged_into TEXT REFERENCES people(id),
      survivor_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE UNIQUE INDEX people_email_key ON people (email_key)`
  yield* sql`CREATE INDEX people_name_key ON people (name_key, id)`
  yield* sql`CREATE INDEX people_survivor ON people (survivor_id)`
  yield* sql`CREATE INDEX people_merged_into ON people (merged_into)`
  yield* sql`
    CREATE TABLE person_merges (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people(id),
      into_person_id TEXT NOT NULL REFERENCES people(id),
      merged_at TEXT NOT NULL,
      undone_at TEXT
    )`
  yield* sql`CREATE INDEX person_merges_person ON person_merges (person_id, id)`
  yield* sql`
    CREATE TABLE events (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      city TEXT NOT NULL,
      planning_region TEXT,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX events_project ON events (project_id, id)`
  // project_id repeats the event's so reach can page a project's participations by id alone.
  yield* sql`
    CREATE TABLE participations (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      event_id TEXT NOT NULL REFERENCES events(id),
      person_id TEXT NOT NULL REFERENCES people(id),
      role TEXT NOT NULL,
      status TEXT NOT NULL,
      institution_id TEXT NOT NULL REFERENCES institutions(id),
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE UNIQUE INDEX participations_event_person ON participations (event_id, person_id)`
  yield* sql`CREATE INDEX participations_project ON participations (project_id, id)`
  yield* sql`CREATE INDEX participations_person ON participations (person_id)`
  yield* sql`
    CREATE TABLE attendance_days (
      participation_id TEXT NOT NULL REFERENCES participations(id),
      day TEXT NOT NULL,
      PRIMARY KEY (participation_id, day)
    )`
  yield* sql`
    CREATE TABLE dissemination_activities (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      kind TEXT NOT NULL,
      date TEXT NOT NULL,
      title TEXT NOT NULL,
      additional_count INTEGER NOT NULL,
      method TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX dissemination_activities_project ON dissemination_activities (project_id, id)`
  yield* sql`
    CREATE TABLE dissemination_named (
      activity_id TEXT NOT NULL REFERENCES dissemination_activities(id),
      person_id TEXT NOT NULL REFERENCES people(id),
      PRIMARY KEY (activity_id, person_id)
    )`
  yield* sql`CREATE INDEX dissemination_named_person ON dissemination_named (person_id)`
})
