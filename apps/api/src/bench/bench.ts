/**
 * `pnpm bench`: Coordina end to end over HTTP, on SQLite and on PostgreSQL, each figure against
 * a baseline measured in the same run on the same database, and one table at the end.
 *
 * Per database: the reach data set (see generate.ts) and the API on it, built as production
 * runs it and started in a child process (so its peak memory can be read); reach of the big
 * project uncached against one `COUNT(DISTINCT …)`; reach of a 10,000-participation project
 * against `GET /v1/projects/{id}`;
 * `GET /v1/people/{id}` against a bare Hono handler; a 50-client mix for a minute; sign-in
 * sheet imports against batched raw INSERTs of the same rows, and a big sheet.
 * Then the agreements data set on a fresh database, and `GET /v1/review` against a
 * hand-written SQL review with the same answers.
 *
 * Options: `--scale 0.1` (or COORDINA_BENCH_SCALE) for a quicker, smaller run; `--runs 3`;
 * `--only sqlite|postgres`; `--load-seconds 60` (20 below scale 1); `--sheet-rows 10000`; `--big-sheet-rows 50000`;
 * `--phases imports,review` (some of reach, small-reach, overhead, mix, imports, review).
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { addDays, normaliseName } from "@coordina/domain"
import { Database } from "@coordina/store"
// Straight to the module: "@coordina/store/testing" also loads vitest, which only runs under vitest.
import { startPgCluster } from "@coordina/store/testing/pg-cluster"
import { Effect, ManagedRuntime } from "effect"
import { isDeepStrictEqual } from "node:util"
import {
  baselineDirectCount,
  benchId,
  benchProjectId,
  firstDay,
  generate,
  generateInPostgres,
  insertRows,
  personName,
  sizeAt,
  smallProjectId,
  smallProjectParticipations,
} from "./generate.js"
import { type LoadResult, mix, throughput } from "./load.js"
import { comparedParts, generateAgreements, handWrittenReview, reviewAsOf } from "./review.js"
import { type Bundles, buildServers, call, type Server, startServer } from "./server.js"
import type { Review } from "@coordina/domain"

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const scale = Number(arg("scale") ?? process.env.COORDINA_BENCH_SCALE ?? 1)
const runs = Number(arg("runs") ?? 3)
const only = arg("only")
// A quick run (scale below 1) loads for 20 s, so that `--scale 0.1` stays within five minutes.
const loadSeconds = Number(arg("load-seconds") ?? (scale >= 1 ? 60 : 20))
const sheetRows = Number(arg("sheet-rows") ?? 10_000)
const bigSheetRows = Number(arg("big-sheet-rows") ?? 50_000)
// `--phases imports,review` runs only those phases (reach, small-reach, overhead, mix, imports, review).
const phases = arg("phases")?.split(",")
const wanted = (phase: string) => phases === undefined || phases.includes(phase)
const agreements = Math.max(1_000, Math.round(100_000 * scale))
const asOf = "2019-12-31"

const log = (line: string) => console.log(line)
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`
const time = async <A>(f: () => Promise<A>): Promise<[A, number]> => {
  const t = performance.now()
  const a = await f()
  return [a, performance.now() - t]
}
/** Median time of `n` runs after one warm-up. */
const timed = async (n: number, f: () => Promise<unknown>) => {
  await f()
  const times: Array<number> = []
  for (let i = 0; i < n; i++) times.push((await time(f))[1])
  return median(times)
}

/** One line of the final table. */
interface Row {
  readonly database: string
  readonly figure: string
  readonly value: string
  readonly baseline: string
  /** The figure over its baseline (or the figure itself when it has no baseline). */
  readonly ratio: number
  readonly goal: string
  readonly ok: boolean
}
const rows: Array<Row> = []
const atMost = (
  database: string,
  figure: string,
  value: string,
  baseline: string,
  ratio: number,
  goal: number,
) => rows.push({ database, figure, value, baseline, ratio, goal: `<= ${goal}`, ok: ratio <= goal })
/** A figure without a goal, for the record. */
const info = (database: string, figure: string, value: string) =>
  rows.push({ database, figure, value, baseline: "", ratio: Number.NaN, goal: "", ok: true })
const problems: Array<string> = []
const problem = (line: string) => {
  problems.push(line)
  log(`!! ${line}`)
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

type Run = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient>) => Promise<A>

/** Reach of the big project, uncached (each run first moves its data version), against COUNT(DISTINCT). */
const benchReach = async (name: string, server: Server, run: Run) => {
  const reachPath = `/v1/projects/${benchProjectId}/reach?asOf=${asOf}`
  const touch = () =>
    run(
      SqlClient.SqlClient.pipe(
        Effect.flatMap(
          (sql) => sql`UPDATE projects SET updated_at = updated_at WHERE id = ${benchProjectId}`,
        ),
      ),
    )
  let direct = 0
  const cold = async () => {
    await touch()
    const [report] = await time(() => call(server, "GET", reachPath))
    direct = Number((report.direct as { total: number }).total)
  }
  const reachMs = await timed(runs, cold)
  const peak = server.peakMb()
  let count = 0
  const baselineMs = await timed(runs, async () => {
    count = await run(baselineDirectCount(benchProjectId, asOf))
  })
  if (direct !== count) problem(`${name}: reach says ${direct} persons, COUNT(DISTINCT) says ${count}`)
  const warmMs = await timed(runs, () => call(server, "GET", reachPath))
  const size = sizeAt(scale)
  atMost(
    name,
    `reach of ${size.events * size.perEvent} participations, uncached`,
    ms(reachMs),
    `COUNT(DISTINCT) ${ms(baselineMs)}`,
    reachMs / baselineMs,
    2,
  )
  log(
    `reach: uncached ${ms(reachMs)}, cached ${ms(warmMs)}; COUNT(DISTINCT) ${ms(baselineMs)}; API peak ${peak.toFixed(0)} MB`,
  )
  rows.push({
    database: name,
    figure: "API peak memory after reach",
    value: `${peak.toFixed(0)} MB`,
    baseline: "",
    ratio: Number.NaN,
    goal: "< 300 MB",
    ok: peak < 300,
  })
}

/** Reach of the 10,000-participation project against reading the project, in the same run. */
const benchSmallReach = async (name: string, server: Server) => {
  const n = Math.max(20, runs * 5)
  const [, coldMs] = await time(() =>
    call(server, "GET", `/v1/projects/${smallProjectId}/reach?asOf=${asOf}`),
  )
  const reachMs = await timed(n, () =>
    call(server, "GET", `/v1/projects/${smallProjectId}/reach?asOf=${asOf}`),
  )
  const projectMs = await timed(n, () => call(server, "GET", `/v1/projects/${smallProjectId}`))
  log(`small reach: first ${ms(coldMs)}, then ${ms(reachMs)}; GET project ${ms(projectMs)}`)
  atMost(
    name,
    `reach of ${smallProjectParticipations} participations (first request ${ms(coldMs)})`,
    ms(reachMs),
    `GET project ${ms(projectMs)}`,
    reachMs / projectMs,
    5,
  )
}

/** CPU time (user and system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
const cpuMsOf = (pid: number | undefined) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
  return (Number(fields[11]) + Number(fields[12])) * 10
}
const ownCpuMs = () => {
  const used = process.cpuUsage()
  return (used.user + used.system) / 1000
}

/** Sign-in sheet imports against raw INSERTs, and a big sheet's time and the API's memory. */
const benchImports = async (name: string, server: Server, run: Run) => {
  const day = addDays(firstDay, 800)
  const importSheet = async (count: number, offset: number) => {
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
    const people = sheetPeople(count, offset)
    const csv = sheetCsv(people)
    const cpuBefore = cpuMsOf(server.child.pid)
    const [imported, elapsed] = await time(() =>
      call(server, "POST", `/v1/events/${String(event.id)}/sign-in-sheet`, csv, "text/csv"),
    )
    const cpu = cpuMsOf(server.child.pid) - cpuBefore
    if (imported.peopleCreated !== count)
      problem(`${name}: the import created ${String(imported.peopleCreated)} people`)
    return { eventId: String(event.id), people, elapsed, cpu }
  }
  await importSheet(200, 9_000_000)
  const imports: Array<Awaited<ReturnType<typeof importSheet>>> = []
  for (let i = 0; i < runs; i++) imports.push(await importSheet(sheetRows, 10_000_000 + i * sheetRows))
  const importMs = median(imports.map((i) => i.elapsed))
  const { eventId, people } = imports[0]!
  const rawTimes: Array<number> = []
  const rawCpu: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const cpuBefore = ownCpuMs()
    rawTimes.push((await time(() => run(rawImport(people, eventId, day, String(i)))))[1])
    rawCpu.push(ownCpuMs() - cpuBefore)
  }
  const rawMs = median(rawTimes)
  // CPU time too: on a shared machine it is steadier than the clock (for PostgreSQL it leaves
  // out the server's own work, on both sides).
  const importCpu = median(imports.map((i) => i.cpu))
  info(
    name,
    `import of ${sheetRows} rows, CPU time of the API against the raw INSERTs' process`,
    `${ms(importCpu)} / ${ms(median(rawCpu))} = ${(importCpu / median(rawCpu)).toFixed(2)}`,
  )
  log(
    `import: ${imports.map((i) => ms(i.elapsed)).join(", ")} for ${sheetRows} rows; raw INSERTs ${rawTimes.map(ms).join(", ")}`,
  )
  atMost(
    name,
    `import of ${sheetRows} rows`,
    ms(importMs),
    `raw INSERTs ${ms(rawMs)}`,
    importMs / rawMs,
    name === "sqlite" ? 2 : 1.5,
  )

  const big = await importSheet(bigSheetRows, 20_000_000)
  const peak = server.peakMb()
  log(`import of ${bigSheetRows} rows: ${ms(big.elapsed)}; API peak ${peak.toFixed(0)} MB`)
  rows.push({
    database: name,
    figure: `API peak memory after a ${bigSheetRows}-row import (${(big.elapsed / 1000).toFixed(1)} s)`,
    value: `${peak.toFixed(0)} MB`,
    baseline: "",
    ratio: Number.NaN,
    goal: "< 300 MB",
    ok: peak < 300,
  })
}

/** GET /v1/people/{id} against a bare Hono handler on the same row, same number of connections and seconds. */
const benchOverhead = async (name: string, server: Server, bundles: Bundles, databaseUrl: string) => {
  const id = benchId("per", 2)
  const bare = await startServer(bundles.bare, databaseUrl, log)
  try {
    const fromApi = await call(server, "GET", `/v1/people/${id}`)
    const fromBare = (await (await fetch(`${bare.base}/people/${id}`)).json()) as unknown
    if (!isDeepStrictEqual(fromApi, fromBare))
      problem(`${name}: the bare handler's JSON differs from the API's`)
    // Short turns, alternating, so that a change in the machine's load falls on both alike.
    const turns = 4
    const seconds = Math.max(2, Math.min(5, Math.round(loadSeconds / 12)))
    await throughput(`${bare.base}/people/${id}`, 1, 10, false)
    await throughput(`${server.base}/v1/people/${id}`, 1)
    const bareRuns: Array<LoadResult> = []
    const apiRuns: Array<LoadResult> = []
    for (let i = 0; i < turns; i++) {
      bareRuns.push(await throughput(`${bare.base}/people/${id}`, seconds, 10, false))
      apiRuns.push(await throughput(`${server.base}/v1/people/${id}`, seconds))
    }
    const total = (runs: ReadonlyArray<LoadResult>) => ({
      perSecond: runs.reduce((n, r) => n + r.requests, 0) / (seconds * turns),
      errors: runs.reduce((n, r) => n + r.errors, 0),
    })
    const bareRun = total(bareRuns)
    const apiRun = total(apiRuns)
    if (apiRun.errors + bareRun.errors > 0) problem(`${name}: errors in the throughput runs`)
    log(`GET person: API ${apiRun.perSecond.toFixed(0)}/s, bare Hono ${bareRun.perSecond.toFixed(0)}/s`)
    const share = apiRun.perSecond / bareRun.perSecond
    rows.push({
      database: name,
      figure: "GET /v1/people/{id} throughput",
      value: `${apiRun.perSecond.toFixed(0)}/s`,
      baseline: `bare Hono ${bareRun.perSecond.toFixed(0)}/s`,
      ratio: share,
      goal: ">= 0.5",
      ok: share >= 0.5,
    })
  } finally {
    await bare.stop()
  }
}

/** The 50-client mix: lists, reach of both projects, audit, a person, and 20% new people. */
const benchMix = async (name: string, server: Server) => {
  // Reach is read once before, as any figure is after a write: the mix measures serving it.
  await call(server, "GET", `/v1/projects/${benchProjectId}/reach`)
  await call(server, "GET", `/v1/projects/${smallProjectId}/reach`)
  let n = 0
  const newPerson = () => {
    n++
    return JSON.stringify({
      givenName: "Натоварване",
      familyName: `Смесен-${name}-${n}`,
      email: `load-${name}-${n}@example.bg`,
      institutionId: benchId("ins", n % 20),
    })
  }
  const result = await mix(
    server.base,
    [
      { method: "GET", path: "/v1/projects" },
      { method: "GET", path: `/v1/projects/${smallProjectId}/reach` },
      { method: "POST", path: "/v1/people", body: newPerson },
      { method: "GET", path: "/v1/people?limit=50" },
      { method: "GET", path: `/v1/events?projectId=${smallProjectId}&limit=50` },
      { method: "GET", path: `/v1/projects/${benchProjectId}/reach` },
      { method: "GET", path: "/v1/institutions?limit=50" },
      { method: "POST", path: "/v1/people", body: newPerson },
      { method: "GET", path: "/v1/audit?limit=50" },
      { method: "GET", path: `/v1/people/${benchId("per", 4)}` },
    ],
    loadSeconds,
  )
  log(
    `mix: ${result.requests} requests, ${result.perSecond.toFixed(0)}/s, ${result.errors} errors, p50 ${result.p50} ms, p99 ${result.p99} ms`,
  )
  const spread = result.p99 / Math.max(1, result.p50)
  rows.push({
    database: name,
    figure: `50-client mix, ${loadSeconds} s: ${result.perSecond.toFixed(0)}/s, ${result.errors} errors`,
    value: `p99 ${result.p99} ms`,
    baseline: `p50 ${result.p50} ms`,
    ratio: spread,
    goal: "<= 10, no errors",
    ok: spread <= 10 && result.errors === 0,
  })
}

/** The review over HTTP against the hand-written SQL review, on its own database. */
const benchReview = async (name: string, databaseUrl: string, bundles: Bundles) => {
  const runtime = ManagedRuntime.make(Database.layer(databaseUrl))
  try {
    const run: Run = (effect) => runtime.runPromise(effect)
    const [, genMs] = await time(() => run(generateAgreements(agreements)))
    log(
      `${agreements} agreements, ${agreements * 10} measures, ${agreements * 3} tasks in ${(genMs / 1000).toFixed(1)} s`,
    )
    const server = await startServer(bundles.api, databaseUrl, log)
    try {
      const path = `/v1/review?groupBy=procedure&asOf=${reviewAsOf}`
      let review: Review | undefined
      let handWritten: Effect.Effect.Success<ReturnType<typeof handWrittenReview>> | undefined
      const apiMs = await timed(runs, async () => {
        review = (await call(server, "GET", path)) as unknown as Review
      })
      const sqlMs = await timed(runs, async () => {
        handWritten = await run(handWrittenReview(reviewAsOf))
      })
      const same = isDeepStrictEqual(comparedParts(review!), handWritten)
      if (!same) problem(`${name}: GET /v1/review and the hand-written SQL review disagree`)
      log(`review: GET ${ms(apiMs)}, hand-written SQL ${ms(sqlMs)}; same answers: ${same}`)
      atMost(
        name,
        `GET /v1/review of ${agreements} agreements${same ? "" : " (ANSWERS DIFFER)"}`,
        ms(apiMs),
        `SQL review ${ms(sqlMs)}`,
        apiMs / sqlMs,
        name === "sqlite" ? 1.5 : 1.0,
      )
    } finally {
      await server.stop()
    }
  } finally {
    await runtime.dispose()
  }
}

const benchOne = async (name: string, databaseUrl: string, reviewUrl: string, bundles: Bundles) => {
  log(`\n== ${name} ==`)
  const runtime = ManagedRuntime.make(Database.layer(databaseUrl))
  const run: Run = (effect) => runtime.runPromise(effect)
  try {
    // PostgreSQL writes its data set itself (generate_series): ten million rows in minutes.
    const make = name === "postgres" ? generateInPostgres : generate
    const [, genMs] = await time(() => run(make(sizeAt(scale), log)))
    log(`generated in ${(genMs / 1000).toFixed(1)} s`)
    const size = sizeAt(scale)
    info(
      name,
      `reach data set generated (${size.events * size.perEvent + smallProjectParticipations} participations)`,
      `${(genMs / 1000).toFixed(1)} s`,
    )
    let server = await startServer(bundles.api, databaseUrl, log)
    // A phase that fails (the API out of memory, say) is reported and the API restarted for the next.
    const phase = async (label: string, f: () => Promise<void>) => {
      try {
        await f()
      } catch (error) {
        problem(`${name}: ${label} failed: ${String(error).slice(0, 300)}`)
        rows.push({
          database: name,
          figure: label,
          value: "failed",
          baseline: "",
          ratio: Number.NaN,
          goal: "",
          ok: false,
        })
        if (server.child.exitCode !== null) server = await startServer(bundles.api, databaseUrl, log)
      }
    }
    try {
      if (wanted("reach")) await phase("reach", () => benchReach(name, server, run))
      if (wanted("small-reach")) await phase("small reach", () => benchSmallReach(name, server))
      if (wanted("overhead"))
        await phase("API overhead", () => benchOverhead(name, server, bundles, databaseUrl))
      // The mix reads the audit log, whose entry for an import names every record it created:
      // it runs before the imports, on the audit entries of its own writes.
      if (wanted("mix")) await phase("mix", () => benchMix(name, server))
      if (wanted("imports")) await phase("imports", () => benchImports(name, server, run))
    } finally {
      await server.stop()
    }
  } finally {
    await runtime.dispose()
  }
  try {
    if (wanted("review")) await benchReview(name, reviewUrl, bundles)
  } catch (error) {
    problem(`${name}: the review failed: ${String(error).slice(0, 300)}`)
    rows.push({
      database: name,
      figure: "review",
      value: "failed",
      baseline: "",
      ratio: Number.NaN,
      goal: "",
      ok: false,
    })
  }
}

const printTable = () => {
  const header = ["database", "figure", "value", "baseline", "ratio", "goal", ""]
  const cells = rows.map((r) => [
    r.database,
    r.figure,
    r.value,
    r.baseline,
    Number.isNaN(r.ratio) ? "" : r.ratio.toFixed(2),
    r.goal,
    r.goal === "" && r.ok ? "" : r.ok ? "ok" : "MISSED",
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: ReadonlyArray<string>) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join("  ")
      .trimEnd()
  log(`\n== results, scale ${scale}, medians of ${runs} runs ==`)
  log(line(header))
  log(line(widths.map((w) => "-".repeat(w))))
  for (const c of cells) log(line(c))
  for (const p of problems) log(`!! ${p}`)
}

const main = async () => {
  const started = performance.now()
  const size = sizeAt(scale)
  log(
    `Coordina bench, scale ${scale}: ${size.events * size.perEvent} participations, ${size.people} persons, ${size.events} events, ${size.institutions} institutions; ${agreements} agreements; ${runs} timed runs each`,
  )
  const bundles = await buildServers()
  if (only !== "postgres") {
    const dir = mkdtempSync(join(tmpdir(), "coordina-bench-"))
    try {
      await benchOne("sqlite", `file:${join(dir, "bench.db")}`, `file:${join(dir, "review.db")}`, bundles)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  if (only !== "sqlite") {
    const cluster = await startPgCluster()
    try {
      const admin = ManagedRuntime.make(Database.clientLayer(cluster.url))
      await admin.runPromise(
        SqlClient.SqlClient.pipe(
          Effect.flatMap((sql) =>
            Effect.all([sql.unsafe("CREATE DATABASE bench"), sql.unsafe("CREATE DATABASE review")]),
          ),
        ),
      )
      await admin.dispose()
      const at = (db: string) => cluster.url.replace(/\/[^/]*$/, `/${db}`)
      await benchOne("postgres", at("bench"), at("review"), bundles)
    } finally {
      cluster.stop()
    }
  }
  printTable()
  log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  if (problems.length > 0) process.exitCode = 1
}

await main()
