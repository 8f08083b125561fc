import { App } from "@coordina/app"
import { ActivitiesRepository, ProjectsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { loadDemo } from "./Demo.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("the flagship plan in the demo", () => {
  it("has A1–A6 inside the project period, each marked as having invented dates", async () => {
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
    } finally {
      await runtime.dispose()
    }
  })
})
