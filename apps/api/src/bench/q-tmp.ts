import { SqlClient } from "@effect/sql"
import { Database } from "@coordina/store"
import { Effect, ManagedRuntime } from "effect"
const rt = ManagedRuntime.make(Database.clientLayer("file:/tmp/rb/b.db"))
const q = async (label: string, f: (sql: SqlClient.SqlClient) => Effect.Effect<ReadonlyArray<unknown>, unknown>) => {
  const t = performance.now()
  const rows = await rt.runPromise(SqlClient.SqlClient.pipe(Effect.flatMap(f)))
  console.log(label, rows.length, (performance.now() - t).toFixed(0), "ms")
}
const cur = (sql: SqlClient.SqlClient) => sql`
    SELECT pa.id, s.id AS person_id, s.gender, pa.event_id, e.kind AS event_kind, e.start_date, e.end_date,
           pa.role, i.id AS institution_id, i.kind AS institution_kind, i.level AS institution_level,
           i.country AS institution_country, i.planning_region AS institution_region,
           (SELECT group_concat(a.day, ',') FROM attendance_days a WHERE a.participation_id = pa.id) AS days
    FROM participations pa
    JOIN people p ON p.id = pa.person_id
    JOIN people s ON s.id = p.survivor_id
    JOIN events e ON e.id = pa.event_id
    LEFT JOIN institutions i ON i.id = pa.institution_id
    WHERE pa.project_id = 'prj_bench' ORDER BY pa.id`
await q("current, one query", cur)
await q("current, no transforms", (sql) => cur(sql.withoutTransforms()))
await q("no joins but people", (sql) => sql.withoutTransforms()`
    SELECT pa.id, p.survivor_id AS person_id, p.gender, pa.event_id, pa.role, pa.institution_id,
           (SELECT group_concat(a.day, ',') FROM attendance_days a WHERE a.participation_id = pa.id) AS days
    FROM participations pa JOIN people p ON p.id = pa.person_id
    WHERE pa.project_id = 'prj_bench' ORDER BY pa.id`)
await q("participations only", (sql) => sql.withoutTransforms()`SELECT pa.id, pa.person_id, pa.event_id, pa.role, pa.institution_id FROM participations pa WHERE pa.project_id = 'prj_bench' ORDER BY pa.id`)
await q("baseline", (sql) => sql`SELECT COUNT(DISTINCT p.survivor_id) AS n FROM participations pa JOIN people p ON p.id = pa.person_id JOIN institutions i ON i.id = pa.institution_id WHERE pa.project_id = 'prj_bench' AND pa.role = 'participant' AND i.country = 'BG' AND i.kind <> 'other' AND EXISTS (SELECT 1 FROM attendance_days a WHERE a.participation_id = pa.id AND a.day <= '2019-12-31')`)
await rt.dispose()
