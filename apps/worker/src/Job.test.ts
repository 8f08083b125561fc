import { App } from "@coordina/app"
import { HealthChecks, JobRuns } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { dayIn, runDue } from "./Job.js"
import { DatabaseHealthJob } from "./jobs/DatabaseHealthJob.js"

describe.each(testDatabases())("scheduled jobs on $name", (db) => {
  const layer = () =>
    Layer.unwrapEffect(
      Effect.promise(() => db.freshUrl()).pipe(
        Effect.map((databaseUrl) => App.layer({ databaseUrl, timeZone: "Europe/Sofia" })),
      ),
    )

  it.effect.skipIf(!db.available)("records database health once per day, however often it runs", () =>
    Effect.gen(function* () {
      const morning = new Date("2026-11-28T06:00:00Z")
      const evening = new Date("2026-11-28T20:00:00Z")
      const nextDay = new Date("2026-11-29T06:00:00Z")
      expect(yield* runDue(DatabaseHealthJob, morning, "Europe/Sofia")).toBe("ran")
      expect(yield* runDue(DatabaseHealthJob, evening, "Europe/Sofia")).toBe("already-done")
      expect(yield* runDue(DatabaseHealthJob, nextDay, "Europe/Sofia")).toBe("ran")
      const checks = yield* (yield* HealthChecks).list()
      expect(checks.map((c) => c.period)).toEqual(["2026-11-28", "2026-11-29"])
      expect(checks[0]!.tables).toBeGreaterThan(3)
      expect((yield* (yield* JobRuns).list("database-health")).length).toBe(2)
    }).pipe(Effect.provide(layer())),
  )
})

describe("dayIn", () => {
  it("names the period by the day in the worker's time zone", () => {
    expect(dayIn(new Date("2026-11-28T23:30:00Z"), "Europe/Sofia")).toBe("2026-11-29")
    expect(dayIn(new Date("2026-11-28T23:30:00Z"), "UTC")).toBe("2026-11-28")
  })
})
