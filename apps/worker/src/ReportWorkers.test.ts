/**
 * Real worker processes on a real PostgreSQL: three workers started at once produce each
 * scheduled report exactly once, and a worker killed with SIGKILL in the middle of a job leaves
 * no half report, and another worker finishes the job.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { join } from "node:path"
import { App, Reports } from "@coordina/app"
import {
  isoDate,
  makeDate,
  NewProject,
  type Principal,
  ReportRequest,
  ReportSchedules,
  Target,
} from "@coordina/domain"
import { FileStorage, ProjectsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Effect, ManagedRuntime, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const pg = testDatabases().find((d) => d.name === "postgres")!
const admin: Principal = { kind: "admin-token", id: "admin-token", grants: [{ role: "admin" }], scopes: [] }
const root = join(import.meta.dirname, "..")

interface Worker {
  readonly child: ChildProcess
  readonly output: () => string
  readonly exited: Promise<number | null>
}

const startWorker = (databaseUrl: string, name: string, env: Record<string, string> = {}): Worker => {
  const child = spawn(
    join(root, "node_modules/.bin/vite-node"),
    ["--config", "vitest.config.ts", "src/main.ts", "--once"],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, COORDINA_WORKER_ID: name, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  let output = ""
  child.stdout!.on("data", (d) => {
    output += String(d)
  })
  child.stderr!.on("data", (d) => {
    output += String(d)
  })
  return {
    child,
    output: () => output,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  }
}

describe.skipIf(!pg.available)("report workers on PostgreSQL", () => {
  let url = ""
  let runtime: ManagedRuntime.ManagedRuntime<App.AppServices, never>
  const run = <A, E>(effect: Effect.Effect<A, E, App.AppServices>) => runtime.runPromise(effect)
  const query = (text: string) =>
    run(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe<Record<string, unknown>>(text)))

  beforeAll(async () => {
    url = await pg.freshUrl()
    runtime = ManagedRuntime.make(App.layer({ databaseUrl: url, timeZone: "Europe/Sofia" }))
    await runtime.runtime()
  })
  afterAll(() => runtime?.dispose())

  const newProject = (code: string) => {
    const now = new Date()
    return run(
      Effect.flatMap(ProjectsRepository, (repo) =>
        repo.create(
          new NewProject({
            code,
            title: "Проект за тест на работниците",
            // Three years back and six years long: every period a schedule names today is inside it.
            startDate: makeDate(now.getUTCFullYear() - 3, now.getUTCMonth() + 1, 1),
            durationMonths: 72,
            targets: [new Target({ indicator: "direct", value: 100 })],
          }),
        ),
      ),
    )
  }

  it("three workers at once produce each scheduled report exactly once", async () => {
    const project = await newProject("WORKERS-3")
    await run(
      Effect.flatMap(Reports, (r) =>
        r.replaceSchedules(
          admin,
          project.id,
          Schema.decodeUnknownSync(ReportSchedules)({
            schedules: [
              { kind: "interim", cron: "0 6 1 * *", period: "previous_months:1" },
              { kind: "reach_annex", cron: "0 6 1 * *", period: "previous_quarter" },
              { kind: "interim", cron: "0 6 1 * *", timeZone: "UTC", period: "previous_half_year" },
            ],
          }),
        ),
      ),
    )
    // Set long ago, so this month's firing counts (a schedule never reports on firings before it).
    await query("UPDATE report_schedules SET created_at = '2000-01-01T00:00:00.000Z'")
    const slow = { COORDINA_REPORT_STEP_DELAY_MS: "200" }
    const workers = ["w1", "w2", "w3"].map((name) => startWorker(url, name, slow))
    const codes = await Promise.all(workers.map((w) => w.exited))
    expect(codes, workers.map((w) => w.output()).join("\n")).toEqual([0, 0, 0])

    const rows = await query(
      `SELECT * FROM reports WHERE project_id = '${project.id}' ORDER BY kind, period_start`,
    )
    expect(rows).toHaveLength(3)
    for (const r of rows)
      expect(r, String(r.error)).toMatchObject({ status: "ready", version: 1, attempts: 1, sameAs: null })
    expect(new Set(rows.map((r) => r.scheduleKey)).size).toBe(3)
    // Four files per report, none written twice.
    const files = await query("SELECT COUNT(*) AS n FROM files")
    expect(Number(files[0]!.n)).toBe(12)
    const claims = workers.map((w) => (w.output().match(/claimed by w\d/g) ?? []).length)
    expect(claims.reduce((a, b) => a + b, 0)).toBe(3)

    // Running them again queues nothing new.
    const again = ["w4", "w5", "w6"].map((name) => startWorker(url, name))
    await Promise.all(again.map((w) => w.exited))
    expect(await query(`SELECT id FROM reports WHERE project_id = '${project.id}'`)).toHaveLength(3)
  }, 240_000)

  it("a worker killed with SIGKILL mid-job leaves no half report, and another finishes it", async () => {
    const project = await newProject("WORKERS-KILL")
    const filesBefore = (await query("SELECT id FROM files")).length
    const start = makeDate(new Date().getUTCFullYear() - 2, 1, 1)
    const queued = await run(
      Effect.flatMap(Reports, (r) =>
        r.request(
          admin,
          project.id,
          new ReportRequest({
            kind: "interim",
            periodStart: start,
            periodEnd: isoDate(start.replace(/-01-01$/, "-06-30")),
          }),
        ),
      ),
    )
    const doomed = startWorker(url, "doomed", {
      COORDINA_REPORT_STEP_DELAY_MS: "1500",
      COORDINA_REPORT_LEASE_SECONDS: "2",
    })
    const report = () => query(`SELECT * FROM reports WHERE id = '${queued.id}'`).then((rows) => rows[0]!)
    // Wait until it is writing the files, then kill it without warning.
    for (let i = 0; i < 600; i++) {
      const r = await report()
      if (String(r.step).startsWith("writing")) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(String((await report()).step)).toMatch(/^writing/)
    doomed.child.kill("SIGKILL")
    expect(await doomed.exited).toBe(null)

    const half = await report()
    expect(half).toMatchObject({ status: "running", claimedBy: "doomed", files: null, contentHash: null })
    expect(await query("SELECT id FROM files")).toHaveLength(filesBefore)
    const download = await runtime.runPromiseExit(
      Effect.flatMap(Reports, (r) => r.download(admin, queued.id, "pdf")),
    )
    expect(download._tag).toBe("Failure")

    // Its lease runs out after 2 s; then another worker takes the job over.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const rescuer = startWorker(url, "rescuer")
    expect(await rescuer.exited, rescuer.output()).toBe(0)
    const done = await report()
    expect(done).toMatchObject({ status: "ready", version: 1, attempts: 2, claimedBy: null })
    const refs = JSON.parse(String(done.files)) as Array<{ format: string; fileId: string; sha256: string }>
    expect(refs.map((f) => f.format)).toEqual(["json", "xlsx", "pdf", "csv"])
    for (const f of refs) {
      const bytes = await run(Effect.flatMap(FileStorage, (s) => s.readAll(f.fileId)))
      expect(bytes.length).toBeGreaterThan(0)
    }
    expect(await query("SELECT id FROM files")).toHaveLength(filesBefore + 4)
  }, 240_000)
})
