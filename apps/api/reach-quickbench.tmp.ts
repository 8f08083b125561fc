import { SqlClient } from "@effect/sql"
import { isoDate } from "@coordina/domain"
import { ProjectsRepository, ReachRepository, Store } from "@coordina/store"
import { Effect, ManagedRuntime } from "effect"

const url = process.argv[2] ?? "file:/tmp/reachbench/b.db"
const rt = ManagedRuntime.make(Store.layer(url))
const N = 200_000, P = 40_000, E = 400, I = 1000
await rt.runPromise(Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const now = "2020-01-01T00:00:00Z"
  yield* sql`INSERT INTO projects (id, code, title, start_date, duration_months, targets, version, created_at, updated_at) VALUES ('prj_b', 'B', 'B', '2018-01-01', 24, '[{"indicator":"direct","value":1000}]', 1, ${now}, ${now})`
  const kinds = ["municipality", "ngo", "state_authority", "other"]
  for (let i = 0; i < I; i += 500) yield* sql`INSERT INTO institutions ${sql.insert(Array.from({ length: 500 }, (_, k) => ({ id: `ins_${String(i + k).padStart(6, "0")}`, name: "x", nameKey: "x", kind: kinds[(i + k) % 4]!, level: "local", country: "BG", planningRegion: "BG41", version: 1, createdAt: now, updatedAt: now })))}`
  for (let i = 0; i < P; i += 500) yield* sql`INSERT INTO people ${sql.insert(Array.from({ length: 500 }, (_, k) => { const id = `per_${String(i + k).padStart(7, "0")}`; return { id, givenName: "a", familyName: "b", nameKey: "a b", gender: k % 2 ? "female" : "male", institutionId: `ins_${String((i + k) % I).padStart(6, "0")}`, survivorId: id, version: 1, createdAt: now, updatedAt: now } }))}`
  for (let i = 0; i < E; i++) yield* sql`INSERT INTO events ${sql.insert({ id: `evt_${String(i).padStart(5, "0")}`, projectId: "prj_b", kind: "conference", title: "t", startDate: "2018-03-01", endDate: "2018-03-02", city: "c", version: 1, createdAt: now, updatedAt: now })}`
  for (let i = 0; i < N; i += 500) {
    const rows = Array.from({ length: 500 }, (_, k) => { const n = i + k; return { id: `par_${String(n).padStart(8, "0")}`, projectId: "prj_b", eventId: `evt_${String(((n % P) + Math.floor(n / P) * 97) % E).padStart(5, "0")}`, personId: `per_${String(n % P).padStart(7, "0")}`, role: n % 10 === 0 ? "speaker" : "participant", status: "registered", institutionId: `ins_${String(n % I).padStart(6, "0")}`, version: 1, createdAt: now, updatedAt: now } })
    yield* sql`INSERT INTO participations ${sql.insert(rows)} ON CONFLICT DO NOTHING`
    yield* sql`INSERT INTO attendance_days ${sql.insert(rows.filter((_, k) => k % 7 !== 0).map((r) => ({ participationId: r.id, day: "2018-03-01" })))} ON CONFLICT DO NOTHING`
  }
}))
const project = await rt.runPromise(ProjectsRepository.pipe(Effect.flatMap((r) => r.get("prj_b"))))
for (let k = 0; k < 2; k++) {
  let t = performance.now()
  const base = await rt.runPromise(SqlClient.SqlClient.pipe(Effect.flatMap((sql) => sql`SELECT COUNT(DISTINCT s.survivor_id) AS n FROM participations pa JOIN people s ON s.id = pa.person_id JOIN institutions i ON i.id = pa.institution_id WHERE pa.project_id = 'prj_b' AND pa.role = 'participant' AND i.country = 'BG' AND i.kind <> 'other' AND EXISTS (SELECT 1 FROM attendance_days a WHERE a.participation_id = pa.id AND a.day <= '2019-12-31')`)))
  const tb = performance.now() - t
  t = performance.now()
  const r = await rt.runPromise(ReachRepository.pipe(Effect.flatMap((r) => r.reach(project, isoDate("2019-12-31")))))
  const tr = performance.now() - t
  console.log(`baseline ${base[0]!.n} in ${tb.toFixed(0)} ms; reach ${r.direct.size} in ${tr.toFixed(0)} ms; ratio ${(tr / tb).toFixed(2)}; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`)
}
await rt.dispose()
