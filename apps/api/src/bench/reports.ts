/**
 * `pnpm bench` for funder reports: on a project with 100,000 participations over 2,000 events,
 * the time to produce all four formats of its final report (content through the ReportContents
 * service, then JSON, CSV, XLSX and PDF) against the time to compute its reach alone
 * (ReachRepository.reach on the last day, what `GET …/reach` runs), in the same run: goal ≤ 3×.
 * Both are measured cold, as a worker meets them: before each run a write to the project moves
 * its reach data version, so neither is served from the reach cache.
 * Then the peak memory of the production worker process (the built bundle, `--once`) generating
 * that report (2,000 events): goal < 200 MB.
 *
 * Options: `--scale 0.1` for a smaller run; `--runs 3`; `--only sqlite|postgres`.
 * @module
 */
import { spawnSync } from "node:child_process"
import { join, resolve } from "node:path"
import { App, ReportContents } from "@coordina/app"
import { projectEndDate, reportFormats } from "@coordina/domain"
import { render } from "@coordina/reports"
import { Database, newId, ProjectsRepository, ReachRepository, ReportsRepository } from "@coordina/store"
import { SqlClient } from "@effect/sql"
import { Effect, ManagedRuntime } from "effect"
import { startPgCluster } from "@coordina/store/testing/pg-cluster"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { benchProjectId, generate } from "./generate.js"

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const scale = Number(arg("scale") ?? process.env.COORDINA_BENCH_SCALE ?? 1)
const runs = Number(arg("runs") ?? 3)
const only = arg("only")
const repoDir = resolve(import.meta.dirname, "../../../..")
const log = (line: string) => console.log(line)
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

// 2,000 events of 50 participations: 100,000 participations at scale 1.
const size = {
  institutions: Math.max(20, Math.round(500 * scale)),
  people: Math.max(1_000, Math.round(20_000 * scale)),
  events: Math.max(4, Math.round(2_000 * scale)),
  perEvent: 50,
}

// The built worker, started as `pnpm start` starts it (its Node flags from apps/worker/package.json
// `coordina.nodeFlags`: a small young generation and an old-space cap, without which Node 24 let
// garbage grow the process to 416 MB on this report; semi-spaces of 4 MB measured lowest, 16 MB
// cost about 30 MB more and 1–2 MB more again, as more garbage reached the old space), with one flag more: a preload (a data URL,
// nothing on disk) that prints the process's peak resident memory as it exits. Measured inside
// vite-node instead, its transform added about 100 MB of its own.
const workerMain = join(repoDir, "apps/worker/dist/main.js")
const workerFlags = (
  JSON.parse(readFileSync(join(repoDir, "apps/worker/package.json"), "utf8")) as {
    coordina: { nodeFlags: Array<string> }
  }
).coordina.nodeFlags
const peakMarker = "coordina-bench-peak-rss-kb="
const peakPreload = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n${peakMarker}"+process.resourceUsage().maxRSS+"\\n"))`

const buildWorker = () => {
  const build = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@coordina/worker", "--output-logs=errors-only"],
    {
      cwd: repoDir,
      stdio: "inherit",
    },
  )
  if (build.status !== 0) throw new Error("the worker did not build")
}

const workerPeak = (databaseUrl: string) => {
  const started = performance.now()
  const child = spawnSync(process.execPath, [...workerFlags, "--import", peakPreload, workerMain, "--once"], {
    cwd: repoDir,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, COORDINA_WORKER_ID: "bench-worker" },
    maxBuffer: 64 * 1024 * 1024,
  })
  const seconds = (performance.now() - started) / 1000
  const kb = child.stderr.match(new RegExp(`${peakMarker}(\\d+)`))?.[1]
  return {
    seconds,
    maxRssMb: child.status === 0 && kb ? Number(kb) / 1024 : undefined,
    error: `exit ${child.status}: ${child.stderr.slice(-300)}`,
  }
}

/** Elapsed and CPU time (user and system, of this process) of one run, in ms. */
const timed = async (f: () => Promise<unknown>) => {
  const t = performance.now()
  const cpu = process.cpuUsage()
  await f()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 }
}

const benchOne = async (name: string, databaseUrl: string) => {
  log(`\n${name}: ${size.events} events × ${size.perEvent} = ${size.events * size.perEvent} participations`)
  const runtime = ManagedRuntime.make(App.layer({ databaseUrl, timeZone: "Europe/Sofia" }))
  try {
    await runtime.runPromise(generate(size, log))
    const project = await runtime.runPromise(Effect.flatMap(ProjectsRepository, (r) => r.get(benchProjectId)))
    const period = { start: project.startDate, end: projectEndDate(project) }
    // A write to the project, as any change to its records would make: the reach cache misses.
    const cold = () =>
      runtime.runPromise(
        Effect.flatMap(
          SqlClient.SqlClient,
          (sql) => sql`UPDATE projects SET id = id WHERE id = ${project.id}`,
        ),
      )
    const reach = () =>
      runtime.runPromise(Effect.flatMap(ReachRepository, (r) => r.reach(project, period.end)))
    const report = async () => {
      const content = await runtime.runPromise(
        Effect.flatMap(ReportContents, (r) => r.compute(project, "final", period)),
      )
      const document = {
        ...content,
        version: 1,
        language: "bg" as const,
        generatedAt: new Date().toISOString(),
      }
      for (const format of reportFormats) await render(document, format)
    }
    await reach()
    await report()
    const reachRuns: Array<{ ms: number; cpuMs: number }> = []
    const reportRuns: Array<{ ms: number; cpuMs: number }> = []
    for (let i = 0; i < runs; i++) {
      await cold()
      reachRuns.push(await timed(reach))
      await cold()
      reportRuns.push(await timed(report))
    }
    const reachMs = median(reachRuns.map((r) => r.ms))
    const reportMs = median(reportRuns.map((r) => r.ms))
    const ratio = reportMs / reachMs
    // CPU time too: on a shared machine it is steadier than the clock (on PostgreSQL it leaves
    // out the server's work, on both sides).
    const cpuRatio = median(reportRuns.map((r) => r.cpuMs)) / median(reachRuns.map((r) => r.cpuMs))
    log(
      `  reach alone ${reachMs.toFixed(0)} ms · final report, all four formats ${reportMs.toFixed(0)} ms · ratio ${ratio.toFixed(2)}× (goal ≤ 3×) ${ratio <= 3 ? "ok" : "OVER"} · CPU time ratio ${cpuRatio.toFixed(2)}×`,
    )
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* ReportsRepository).enqueue({
          id: newId("rpt"),
          projectId: project.id,
          kind: "final",
          periodStart: period.start,
          periodEnd: period.end,
          language: "bg",
          version: 1,
          requestedBy: "bench",
          requestedAt: new Date().toISOString(),
        })
      }),
    )
    const peak = workerPeak(databaseUrl)
    log(
      `  worker process (apps/worker/dist/main.js --once, as \`pnpm start\` runs it), final report of ${size.events} events: ${peak.seconds.toFixed(1)} s, peak RSS ${peak.maxRssMb?.toFixed(0) ?? "?"} MB (goal < 200 MB) ${peak.maxRssMb === undefined ? `(no figure: ${peak.error})` : peak.maxRssMb < 200 ? "ok" : "OVER"}`,
    )
    return { name, ratio, peak: peak.maxRssMb }
  } finally {
    await runtime.dispose()
  }
}

buildWorker()
if (only !== "postgres")
  await benchOne("sqlite", `file:${join(mkdtempSync(join(tmpdir(), "coordina-rbench-")), "bench.db")}`)
if (only !== "sqlite") {
  const cluster = await startPgCluster()
  try {
    const admin = ManagedRuntime.make(Database.clientLayer(cluster.url))
    await admin.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe("CREATE DATABASE rbench")))
    await admin.dispose()
    await benchOne("postgres", cluster.url.replace(/\/[^/]*$/, "/rbench"))
  } finally {
    cluster.stop()
  }
}
