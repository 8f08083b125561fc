// Temporary scratch (perf helper): heap cost of reading the first-qualification rows.
import { SqlClient } from "@effect/sql"
import { Database } from "@coordina/store"
import { Effect, ManagedRuntime } from "effect"

const rt = ManagedRuntime.make(Database.layer(process.argv[2]!))
const mb = (n: number) => `${(n / 1048576).toFixed(0)}MB`
const show = (tag: string) => {
  const m = process.memoryUsage()
  console.log(tag, "rss", mb(m.rss), "heap", mb(m.heapUsed), "/", mb(m.heapTotal))
}
const g = () => (globalThis as { gc?: () => void }).gc?.()
const variant = process.argv[3]
g(); show("start")
for (let i = 0; i < 2; i++) {
  const t = performance.now()
  const rows = await rt.runPromise(Effect.gen(function* () {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const inner = sql`SELECT p.survivor_id AS person_id, MIN(a.day || CAST(${"\u0001"} AS TEXT) || pa.event_id || CAST(${"\u0001"} AS TEXT) || pa.institution_id) AS k
        FROM participations pa JOIN attendance_days a ON a.participation_id = pa.id JOIN people p ON p.id = pa.person_id
        WHERE pa.project_id = 'prj_bench' AND pa.role = 'participant' AND a.day <= '2019-12-31' GROUP BY p.survivor_id`
    if (variant === "one") return yield* sql`SELECT COUNT(*), SUM(length(k)) FROM (${inner}) f`.values
    return yield* sql`SELECT f.person_id, s.gender, f.k FROM (${inner}) f JOIN people s ON s.id = f.person_id`.values
  }))
  show(`q ${i} ${(performance.now() - t).toFixed(0)}ms rows ${rows.length}`)
  g(); show("  gc (rows alive)")
}
