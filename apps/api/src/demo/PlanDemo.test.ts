import { App, ReportJobs } from "@coordina/app"
import { ActivitiesRepository, ProjectsRepository, ReportsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { loadDemo } from "./Demo.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("the flagship plan in the demo", () => {
  it("has A1–A6 inside the project period, each marked as having invented dates, and its interim and final reports", async () => {
    const runtime = ManagedRuntime.make(
      App.layer({ databaseUrl: await sqlite.freshUrl(), timeZone: "Europe/Sofia" }),
    )
    try {
      expect(await runtime.runPromise(loadDemo)).toBe(true)
      const plan = await runtime.runPromise(
        Effect.gen(function* () {
          const project = (yield* (yield* ProjectsRepository).list({ limit: 1 })).items[0]!
          return yield* (yield* ActivitiesRepository).listByProject(project.id)
        }),
      )
      expect(plan.map((a) => a.code)).toEqual(["A1", "A2", "A3", "A4", "A5", "A6"])
      for (const a of plan) {
        expect(a.title).toContain("(dates invented)")
        expect(a.plannedStart >= "2017-12-01" && a.plannedEnd <= "2019-03-31").toBe(true)
      }
      expect(plan.find((a) => a.code === "A2")?.deliverables).toEqual(["6 event(s): regional_workshop"])
      expect(plan.filter((a) => a.progress.length > 0).length).toBe(5)
      // The worker's service produces the two queued reports.
      const made = await runtime.runPromise(
        Effect.gen(function* () {
          const jobs = yield* ReportJobs
          let n = 0
          while (yield* jobs.runNext({ worker: "demo-test", leaseSeconds: 60, maxAttempts: 3 })) n++
          const project = (yield* (yield* ProjectsRepository).list({ limit: 1 })).items[0]!
          return { n, reports: yield* (yield* ReportsRepository).listByProject(project.id) }
        }),
      )
      expect(made.n).toBe(2)
      expect(made.reports.map((r) => [r.kind, r.periodStart, r.periodEnd, r.status]).sort()).toEqual([
        ["final", "2017-12-01", "2019-03-31", "ready"],
        ["interim", "2017-12-01", "2018-06-30", "ready"],
      ])
    } finally {
      await runtime.dispose()
    }
  })
})
