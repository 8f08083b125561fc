/**
 * Benchmark (not a timed test): the full review against hand-written SQL on 100,000
 * agreements, 1,000,000 plan measures and 300,000 tasks, on SQLite and on PostgreSQL.
 * Run with `pnpm --filter @coordina/store bench`; BENCH_AGREEMENTS scales the data set.
 * @module
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { type IsoDate, isoDate, type ReviewGroupBy } from "@coordina/domain"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import * as Database from "../Database.js"
import { ReviewRepository } from "../ReviewRepository.js"
import { int } from "../Rows.js"
import { measureStatusExpression, overdueCondition } from "../RuleSql.js"
import { type PgCluster, startPgCluster } from "../testing/PgCluster.js"
import { generate, insertData } from "./agreementsData.js"

const agreements = Number(process.env.BENCH_AGREEMENTS ?? 100_000)
const runs = Number(process.env.BENCH_RUNS ?? 5)
const asOf = isoDate("2020-06-30")

const medianMs = async (label: string, f: () => Promise<unknown>) => {
  await f()
  const times: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await f()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const ms = times[times.length >> 1]!
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms`)
  return ms
}

/** The hand-written baseline: the funnel per rule set in one aggregate query. */
const funnelSql = (sql: SqlClient.SqlClient, on: IsoDate) =>
  sql`
  SELECT procedure_id, COUNT(*) AS intents,
    SUM(CASE WHEN matched_on <= ${on} THEN 1 ELSE 0 END) AS matched,
    SUM(CASE WHEN concluded_on <= ${on} THEN 1 ELSE 0 END) AS concluded,
    SUM(CASE WHEN extended_on <= ${on} THEN 1 ELSE 0 END) AS extended,
    SUM(CASE WHEN terminated_on <= ${on} THEN 1 ELSE 0 END) AS terminated,
    SUM(CASE WHEN concluded_on <= ${on} AND (terminated_on IS NULL OR terminated_on > ${on})
             AND end_date < ${on} THEN 1 ELSE 0 END) AS expired,
    SUM(CASE WHEN closed_on <= ${on} THEN 1 ELSE 0 END) AS closed
  FROM agreements WHERE intent_date <= ${on} GROUP BY procedure_id ORDER BY procedure_id`.values

/** A hand-written SQL form of the whole review without medians: funnel, offers, measures, overdue tasks. */
const fullSql = (sql: SqlClient.SqlClient, on: IsoDate) =>
  Effect.all([
    funnelSql(sql, on),
    sql`SELECT municipality_id, COUNT(*), SUM(capacity) FROM municipal_offers WHERE offered_on <= ${on}
        GROUP BY municipality_id`.values,
    sql`SELECT procedure_id, municipality_id, area,
        SUM(CASE WHEN ${measureStatusExpression(sql, on)} = 'planned' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${measureStatusExpression(sql, on)} = 'in_progress' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${measureStatusExpression(sql, on)} = 'done' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${measureStatusExpression(sql, on)} = 'missed' THEN 1 ELSE 0 END)
        FROM plan_measures GROUP BY procedure_id, municipality_id, area`.values,
    sql`SELECT procedure_id, municipality_id, institution_id, COUNT(*) FROM coordination_tasks
        WHERE ${overdueCondition(sql, on)} GROUP BY procedure_id, municipality_id, institution_id`.values,
  ])

const results: Array<string> = []

const benchOn = async (name: string, url: string) => {
  const runtime = ManagedRuntime.make(ReviewRepository.layer.pipe(Layer.provideMerge(Database.layer(url))))
  try {
    const run = <A, E>(effect: Effect.Effect<A, E, ReviewRepository | SqlClient.SqlClient>) =>
      runtime.runPromise(effect)
    console.log(`\n${name}: ${agreements} agreements, ${agreements * 10} measures, ${agreements * 3} tasks`)
    const start = performance.now()
    const size = { measuresPerAgreement: 10, tasksPerAgreement: 3, municipalities: 265 }
    const base = generate({ ...size, agreements: 0, offers: Math.max(1, agreements / 200), seed: 2017 })
    await run(insertData(base))
    // In batches, each in its own transaction, so that neither memory nor the event loop is held for long.
    const batch = 5_000
    for (let offset = 0; offset < agreements; offset += batch) {
      const data = generate({
        ...size,
        agreements: Math.min(batch, agreements - offset),
        offset,
        base,
        seed: 2017 + offset,
      })
      await run(insertData(data))
      await new Promise((resolve) => setImmediate(resolve))
    }
    await run(
      SqlClient.SqlClient.pipe(
        Effect.flatMap((sql) =>
          sql.onDialectOrElse({ pg: () => sql`VACUUM ANALYZE`, orElse: () => sql`ANALYZE` }),
        ),
      ),
    )
    console.log(`  generated and inserted in ${((performance.now() - start) / 1000).toFixed(1)} s`)

    const review = (groupBy: ReviewGroupBy) =>
      run(ReviewRepository.pipe(Effect.flatMap((r) => r.review({ groupBy, asOf }))))
    const sqlRun = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
      run(SqlClient.SqlClient.pipe(Effect.flatMap(f), Effect.orDie))

    // The review's funnel must be the baseline's, or the timing means nothing.
    const byProcedure = await review("procedure")
    const baseline = await sqlRun((sql) => funnelSql(sql, asOf))
    for (const [procedureId, ...counts] of baseline) {
      const group = byProcedure.groups.find((g) => g.key === procedureId)!
      const f = group.funnel
      expect([f.intents, f.matched, f.concluded, f.extended, f.terminated, f.expired, f.closed]).toEqual(
        counts.map(int),
      )
    }

    const tFunnel = await medianMs("baseline: funnel SQL", () => sqlRun((sql) => funnelSql(sql, asOf)))
    const tFull = await medianMs("baseline: full review in SQL (no medians)", () =>
      sqlRun((sql) => fullSql(sql, asOf)),
    )
    const tProcedure = await medianMs("review groupBy=procedure", () => review("procedure"))
    const tMunicipality = await medianMs("review groupBy=municipality", () => review("municipality"))
    const line = [
      `${name}: review/funnel-SQL ${(tProcedure / tFunnel).toFixed(2)}× (by municipality ${(tMunicipality / tFunnel).toFixed(2)}×)`,
      `review/full-SQL ${(tProcedure / tFull).toFixed(2)}× (by municipality ${(tMunicipality / tFull).toFixed(2)}×)`,
      `[funnel ${tFunnel.toFixed(0)} ms, full SQL ${tFull.toFixed(0)} ms, review ${tProcedure.toFixed(0)} / ${tMunicipality.toFixed(0)} ms]`,
    ].join("; ")
    results.push(line)
    console.log(`  ${line}`)
  } finally {
    await runtime.dispose()
  }
}

describe("review benchmark", () => {
  let cluster: PgCluster | undefined
  afterAll(() => {
    cluster?.stop()
    console.log(
      `\nReview benchmark, ${agreements} agreements, median of ${runs} runs (goal: within 2× of the baseline)`,
    )
    for (const line of results) console.log(`  ${line}`)
  })

  it("on SQLite", async () => {
    await benchOn("SQLite", `file:${join(mkdtempSync(join(tmpdir(), "coordina-bench-")), "bench.db")}`)
  })

  it("on PostgreSQL", async () => {
    cluster = await startPgCluster()
    await benchOn("PostgreSQL", cluster.url)
  })
})
