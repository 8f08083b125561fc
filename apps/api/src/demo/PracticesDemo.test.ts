import { App, Recommendations } from "@coordina/app"
import { SqlClient } from "@effect/sql"
import { ManualsRepository, PracticesRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { loadDemo } from "./Demo.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("the practices demo", () => {
  it("holds one invented practice per country of the Ruse workshop, linked to it, and a recommendation per level citing the review", async () => {
    const runtime = ManagedRuntime.make(
      App.layer({ databaseUrl: await sqlite.freshUrl(), timeZone: "Europe/Sofia" }),
    )
    try {
      expect(await runtime.runPromise(loadDemo)).toBe(true)
      const page = await runtime.runPromise(PracticesRepository.pipe(Effect.flatMap((r) => r.list({}))))
      expect(page.items.map((p) => p.country).sort()).toEqual(["BE", "DE", "FR", "MT", "PT", "SE"])
      for (const p of page.items) {
        expect(p.title.en).toContain("(invented, demo)")
        expect(p.title.bg).toContain("(измислена, демо)")
        expect(p.eventIds).toHaveLength(1)
      }
      // Two are written in Bulgarian only: the library shows English as missing.
      expect(page.items.filter((p) => p.missingLanguages.includes("en"))).toHaveLength(2)
      const recs = await runtime.runPromise(Recommendations.pipe(Effect.flatMap((r) => r.list({}))))
      expect(recs.items.map((r) => r.level).sort()).toEqual(["central", "local", "regional"])
      const central = recs.items.find((r) => r.level === "central")!
      expect(central.findings.map((f) => [f.figure.metric, f.figure.value])).toEqual([
        ["funnel.intents", 48],
        ["funnel.concluded", 3],
      ])
      for (const f of recs.items.flatMap((r) => r.findings)) expect(f.currentValue).toBe(f.figure.value)
      const manuals = await runtime.runPromise(
        SqlClient.SqlClient.pipe(Effect.flatMap((sql) => sql<{ id: string }>`SELECT id FROM manuals`)),
      )
      expect(manuals).toHaveLength(1)
      const v1 = await runtime.runPromise(
        ManualsRepository.pipe(Effect.flatMap((m) => m.getVersion(manuals[0]!.id, 1))),
      )
      expect(v1.chapters.map((c) => c.recommendations[0]!.level)).toEqual(["central", "regional", "local"])
      expect(v1.chapters.flatMap((c) => c.practices)).toHaveLength(5)
    } finally {
      await runtime.dispose()
    }
  })
})
