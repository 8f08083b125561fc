/**
 * The schema, as one ordered list of migrations shared by SQLite and PostgreSQL. Each
 * feature adds its own file; a migration never changes once it has shipped.
 * @module
 */
import { Migrator } from "@effect/sql"
import projects from "./0001_projects.js"

const migrations = {
  "1_projects": projects,
}

/** Brings the database up to the latest schema; safe to run at every start. */
export const migrate = Migrator.make({})({ loader: Migrator.fromRecord(migrations) })
