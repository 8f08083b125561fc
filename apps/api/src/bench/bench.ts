/**
 * `pnpm bench` for the API: reach and sign-in sheet import, end to end over HTTP, on SQLite
 * and on PostgreSQL, each against a hand-written SQL baseline on the same database.
 *
 * 1. Generates the data set (see generate.ts) into a fresh database.
 * 2. Builds the API (a plain Node bundle, as production runs it) and starts it in a child
 *    process on that database, so its peak memory (VmHWM) can be read.
 * 3. Times `GET /v1/projects/{id}/reach` against one `COUNT(DISTINCT …)` query (goal ≤ 2×),
 *    and a 10,000-row sign-in sheet import against batched raw INSERTs of the same rows (≤ 3×).
 *
 * Options: `--scale 0.1` (or COORDINA_BENCH_SCALE) for a quicker, smaller run; `--runs 3`;
 * `--only sqlite|postgres`.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { addDays, normaliseName } from "@coordina/domain"
import { Database } from "@coordina/store"
import { Effect, ManagedRuntime } from "effect"
// Straight to the module: "@coordina/store/testing" also loads vitest, which only runs under vitest.
import { startPgCluster } from "@coordina/store/testing/pg-cluster"
import {
  baselineDirectCount,
  benchId,
  benchProjectId,
  firstDay,
  generate,
  insertRows,
  personName,
  sizeAt,
} from "./generate.js"
import { type ApiProcess, bundleApi, startApiProcess } from "../testing/ApiProcess.js"

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const scale = Number(arg("scale") ?? process.env.COORDINA_BENCH_SCALE ?? 1)
const runs = Number(arg("runs") ?? 3)
const only = arg("only")
const sheetRows = Number(arg("sheet-rows") ?? 10_000)
const token = "bench-admin-token-of-at-least-32-characters"
const asOf = "2019-12-31"

const log = (line: string) => console.log(line)
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x.toFixed(0)} ms`
const time = async <A>(f: () => Promise<A>): Promise<[A, number]> => {
  const t = performance.now()
  const a = await f()
  return [a, performance.now() - t]
}

const call = async (
  server: ApiProcess,
  method: string,
  path: string,
  body?: string,
  type = "application/json",
) => {
  const send = () =>
    fetch(`${server.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
      ...(body === undefined ? {} : { body }),
    })
  // A pooled keep-alive connection that the server closed while the bench was busy elsewhere
  // fails before the request reaches it; that one case is sent again on a new connection.
  const res = await send().catch((error: unknown) => {
    const cause = (error as { cause?: { code?: string } }).cause
    if (cause?.code === "UND_ERR_SOCKET" && server.child.exitCode === null) return send()
    throw error
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`)
  return JSON.parse(text) as Record<string, unknown>
}

/** The rows of the benchmark's sign-in sheet: new people at existing institutions. */
const sheetPeople = (count: number, offset: number) =>
  Array.from({ length: count }, (_, k) => {
    const n = offset + k
    const { givenName, familyName } = personName(n)
    return {
      givenName,
      familyName: `${familyName}-s`,
      email: k % 2 === 0 ? `sheet${n}@example.bg` : "",
      gender: k % 3 === 0 ? "female" : k % 3 === 1 ? "male" : "",
      institutionId: benchId("ins", n % 20),
    }
  })

const sheetCsv = (people: ReturnType<typeof sheetPeople>) =>
  [
    "given_name,family_name,email,gender,institution_id,institution_name,role,days",
    ...people.map(
      (p) => `${p.givenName},${p.familyName},${p.email},${p.gender},${p.institutionId},,participant,all`,
    ),
  ].join("\n")

/** The baseline for an import: the same rows as the sheet, as batched raw INSERTs in one transaction. */
const rawImport = (people: ReturnType<typeof sheetPeople>, eventId: string, day: string, tag: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const now = new Date().toISOString()
    const stamp = { version: 1, createdAt: now, updatedAt: now }
    yield* sql.withTransaction(
      Effect.gen(function* () {
        yield* insertRows(
          "people",
          people.map((p, k) => ({
            id: `per_raw${tag}_${k}`,
            givenName: p.givenName,
            familyName: p.familyName,
            nameKey: normaliseName(`${p.givenName} ${p.familyName}`),
            email: p.email ? `raw${tag}${p.email}` : null,
            emailKey: p.email ? `raw${tag}${p.email}` : null,
            phone: null,
            gender: p.gender || null,
            institutionId: p.institutionId,
            mergedInto: null,
            survivorId: `per_raw${tag}_${k}`,
            ...stamp,
          })),
        )
        yield* insertRows(
          "participations",
          people.map((p, k) => ({
            id: `par_raw${tag}_${k}`,
            projectId: benchProjectId,
            eventId,
            personId: `per_raw${tag}_${k}`,
            role: "participant",
            status: "registered",
            institutionId: p.institutionId,
            ...stamp,
          })),
        )
        yield* insertRows(
          "attendance_days",
          people.map((_, k) => ({ participationId: `par_raw${tag}_${k}`, day })),
        )
      }),
    )
  })

interface Report {
  readonly database: string
  readonly reachMs: number
  readonly baselineMs: number
  readonly peakMb: number
  readonly importMs: number
  readonly rawMs: number
  readonly direct: number
  readonly baselineCount: number
}

const benchOne = async (name: string, databaseUrl: string, bundle: string): Promise<Report> => {
  log(`\n== ${name} ==`)
  const runtime = ManagedRuntime.make(Database.layer(databaseUrl))
  const run = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient>) => runtime.runPromise(effect)
  const size = sizeAt(scale)
  const [, genMs] = await time(() => run(generate(size, log)))
  log(`generated in ${(genMs / 1000).toFixed(1)} s`)

  const server = await startApiProcess(bundle, {
    databaseUrl,
    adminToken: token,
    onUnexpectedExit: (code, signal) =>
      log(`!! the API exited during the bench (code ${code}, signal ${signal})`),
  })
  try {
    const reachPath = `/v1/projects/${benchProjectId}/reach?asOf=${asOf}`
    const [first] = await time(() => call(server, "GET", reachPath)) // warm-up
    const direct = Number((first.direct as { total: number }).total)
    const reachTimes: Array<number> = []
    for (let i = 0; i < runs; i++) reachTimes.push((await time(() => call(server, "GET", reachPath)))[1])
    const peakMb = server.peakMb()
    await run(baselineDirectCount(benchProjectId, asOf)) // warm-up
    const baselineTimes: Array<number> = []
    let baselineCount = 0
    for (let i = 0; i < runs; i++) {
      const [n, t] = await time(() => run(baselineDirectCount(benchProjectId, asOf)))
      baselineCount = n
      baselineTimes.push(t)
    }
    log(`reach:    ${reachTimes.map(ms).join(", ")}  (direct ${direct})`)
    log(`baseline: ${baselineTimes.map(ms).join(", ")}  (count ${baselineCount})`)
    if (direct !== baselineCount) log(`!! reach and the baseline disagree: ${direct} vs ${baselineCount}`)

    // The import: each run a new one-day event and a sheet of new people. One small sheet first
    // warms the import path up, as the warm-up request does for reach; the median run counts.
    const day = addDays(firstDay, 800)
    const importSheet = async (rows: number, offset: number) => {
      const event = await call(
        server,
        "POST",
        "/v1/events",
        JSON.stringify({
          projectId: benchProjectId,
          kind: "conference",
          title: `Import bench ${offset}`,
          startDate: day,
          endDate: day,
          city: "София",
        }),
      )
      const people = sheetPeople(rows, offset)
      const [imported, elapsed] = await time(() =>
        call(server, "POST", `/v1/events/${String(event.id)}/sign-in-sheet`, sheetCsv(people), "text/csv"),
      )
      if (imported.peopleCreated !== rows)
        log(`!! the import created ${String(imported.peopleCreated)} people`)
      return { eventId: String(event.id), people, elapsed }
    }
    await importSheet(200, 9_000_000)
    const imports: Array<Awaited<ReturnType<typeof importSheet>>> = []
    for (let i = 0; i < runs; i++) imports.push(await importSheet(sheetRows, 10_000_000 + i * sheetRows))
    const importTimes = imports.map((i) => i.elapsed)
    const importMs = median(importTimes)
    const { eventId, people } = imports[0]!
    const rawTimes: Array<number> = []
    for (let i = 0; i < runs; i++)
      rawTimes.push((await time(() => run(rawImport(people, eventId, day, String(i)))))[1])
    const rawMs = median(rawTimes)
    log(
      `import:   ${importTimes.map(ms).join(", ")} for ${sheetRows} rows; raw INSERTs: ${rawTimes.map(ms).join(", ")}`,
    )
    log(
      `API peak memory: ${server.peakMb().toFixed(0)} MB after the import (${peakMb.toFixed(0)} MB after reach)`,
    )
    return {
      database: name,
      reachMs: median(reachTimes),
      baselineMs: median(baselineTimes),
      peakMb,
      importMs,
      rawMs,
      direct,
      baselineCount,
    }
  } finally {
    await server.stop()
    await runtime.dispose()
  }
}

const main = async () => {
  const size = sizeAt(scale)
  log(
    `Coordina API bench, scale ${scale}: ${size.events * size.perEvent} participations, ${size.people} persons, ${size.events} events, ${size.institutions} institutions; ${runs} timed runs each`,
  )
  const bundle = bundleApi("coordina-bench-server")
  const reports: Array<Report> = []
  if (only !== "postgres") {
    const dir = mkdtempSync(join(tmpdir(), "coordina-bench-"))
    try {
      reports.push(await benchOne("sqlite", `file:${join(dir, "bench.db")}`, bundle))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  if (only !== "sqlite") {
    const cluster = await startPgCluster()
    try {
      const admin = ManagedRuntime.make(Database.clientLayer(cluster.url))
      await admin.runPromise(
        SqlClient.SqlClient.pipe(Effect.flatMap((sql) => sql.unsafe("CREATE DATABASE bench"))),
      )
      await admin.dispose()
      reports.push(await benchOne("postgres", cluster.url.replace(/\/[^/]*$/, "/bench"), bundle))
    } finally {
      cluster.stop()
    }
  }
  log("\n== results ==")
  for (const r of reports) {
    const reachRatio = r.reachMs / r.baselineMs
    const importRatio = r.importMs / r.rawMs
    log(
      `${r.database.padEnd(8)} reach ${ms(r.reachMs)} vs baseline ${ms(r.baselineMs)}: ${reachRatio.toFixed(2)}x (goal <= 2x) ${reachRatio <= 2 ? "ok" : "MISSED"}`,
    )
    log(
      `${"".padEnd(8)} API peak memory ${r.peakMb.toFixed(0)} MB (goal < 300 MB) ${r.peakMb < 300 ? "ok" : "MISSED"}`,
    )
    log(
      `${"".padEnd(8)} import of ${sheetRows} rows ${ms(r.importMs)} vs raw INSERTs ${ms(r.rawMs)}: ${importRatio.toFixed(2)}x (goal <= 3x) ${importRatio <= 3 ? "ok" : "MISSED"}`,
    )
  }
}

await main()
