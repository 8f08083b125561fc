/**
 * Data versions for reach: a counter per project that moves with every write to the records
 * a project's reach reads (its row, events, participations, attended days, dissemination
 * activities and named persons), and one for records every project reads (`*`: institutions,
 * and changes to people). Database triggers move them, in the writing transaction, whoever
 * writes, so a figure cached under a version can never be stale and every API instance on
 * the database agrees. A new person moves nothing: no figure counts a person before a
 * participation or a dissemination mention names them, and those move their project.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/** The global scope: records every project's reach reads. */
const everyProject = "*"

/** Tables whose rows carry the project, and the column that names it. */
const byProject: ReadonlyArray<readonly [table: string, projectOf: string]> = [
  ["projects", "id"],
  ["events", "project_id"],
  ["participations", "project_id"],
  ["dissemination_activities", "project_id"],
]
/** Tables whose project is found through their parent row. */
const byParent: ReadonlyArray<readonly [table: string, projectOf: (row: string) => string]> = [
  ["attendance_days", (row) => `(SELECT project_id FROM participations WHERE id = ${row}.participation_id)`],
  [
    "dissemination_named",
    (row) => `(SELECT project_id FROM dissemination_activities WHERE id = ${row}.activity_id)`,
  ],
]
const global: ReadonlyArray<readonly [table: string, events: ReadonlyArray<"INSERT" | "UPDATE" | "DELETE">]> =
  [
    ["institutions", ["INSERT", "UPDATE", "DELETE"]],
    ["people", ["UPDATE", "DELETE"]],
  ]
const allEvents = ["INSERT", "UPDATE", "DELETE"] as const

const rowsOf = (event: string) =>
  event === "DELETE" ? ["OLD"] : event === "UPDATE" ? ["OLD", "NEW"] : ["NEW"]

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE reach_data_versions (scope TEXT PRIMARY KEY, version BIGINT NOT NULL)`
  yield* sql.onDialectOrElse({
    pg: () =>
      Effect.gen(function* () {
        // Statement-level triggers with transition tables: one bump per statement and project,
        // so a 10,000-row import moves its project's version a few times, not 20,000 times.
        yield* sql.unsafe(`
          CREATE FUNCTION reach_data_bump() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            EXECUTE format(
              'INSERT INTO reach_data_versions (scope, version) SELECT scope, 1 FROM (%s) s(scope) WHERE scope IS NOT NULL GROUP BY scope ON CONFLICT (scope) DO UPDATE SET version = reach_data_versions.version + 1',
              TG_ARGV[0]);
            RETURN NULL;
          END $$`)
        const trigger = (table: string, event: string, scopes: (rows: string) => string) => {
          const tables = rowsOf(event).map((r) => (r === "OLD" ? "old_rows" : "new_rows"))
          const referencing = tables.map((t) => `${t === "old_rows" ? "OLD" : "NEW"} TABLE AS ${t}`).join(" ")
          const query = tables.map((t) => `(${scopes(t)})`).join(" UNION ALL ")
          return sql.unsafe(
            `CREATE TRIGGER reach_data_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
             REFERENCING ${referencing} FOR EACH STATEMENT
             EXECUTE FUNCTION reach_data_bump('${query.replaceAll("'", "''")}')`,
          )
        }
        for (const [table, column] of byProject)
          for (const event of allEvents)
            yield* trigger(table, event, (rows) => `SELECT ${column} FROM ${rows}`)
        for (const [table, projectOf] of byParent)
          for (const event of allEvents)
            yield* trigger(table, event, (rows) => `SELECT ${projectOf(rows)} FROM ${rows}`)
        for (const [table, events] of global)
          for (const event of events)
            yield* trigger(table, event, (rows) => `SELECT '${everyProject}' FROM ${rows} LIMIT 1`)
      }),
    orElse: () =>
      Effect.gen(function* () {
        const bump = (scope: string) =>
          `INSERT INTO reach_data_versions (scope, version) SELECT ${scope}, 1 WHERE ${scope} IS NOT NULL
           ON CONFLICT (scope) DO UPDATE SET version = version + 1;`
        const trigger = (table: string, event: string, scopeOf: (row: string) => string) =>
          sql.unsafe(
            `CREATE TRIGGER reach_data_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
             BEGIN ${rowsOf(event)
               .map((row) => bump(scopeOf(row)))
               .join(" ")} END`,
          )
        for (const [table, column] of byProject)
          for (const event of allEvents) yield* trigger(table, event, (row) => `${row}.${column}`)
        for (const [table, projectOf] of byParent)
          for (const event of allEvents) yield* trigger(table, event, projectOf)
        for (const [table, events] of global)
          for (const event of events) yield* trigger(table, event, () => `'${everyProject}'`)
      }),
  })
})
