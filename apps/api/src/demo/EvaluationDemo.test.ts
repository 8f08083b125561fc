import { App, Evaluations, Reach } from "@coordina/app"
import { EventsRepository, ProjectsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { loadDemo } from "./Demo.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!
const admin = {
  kind: "admin-token",
  id: "demo-test",
  grants: [{ role: "admin" }],
  scopes: [],
  roles: ["admin"],
} as const

describe("the Ruse workshop's evaluation in the demo", () => {
  it("has results, and the project's reach shows its useful share", async () => {
    const runtime = ManagedRuntime.make(
      App.layer({ databaseUrl: await sqlite.freshUrl(), timeZone: "Europe/Sofia" }),
    )
    try {
      expect(await runtime.runPromise(loadDemo)).toBe(true)
      const { results, reach } = await runtime.runPromise(
        Effect.gen(function* () {
          const project = (yield* (yield* ProjectsRepository).list({ limit: 1 })).items[0]!
          const events = yield* (yield* EventsRepository).list({ projectId: project.id, limit: 500 })
          const ruse = events.items.find((e) => e.city === "Русе" && e.kind === "regional_workshop")!
          return {
            results: yield* (yield* Evaluations).results(admin as never, ruse.id),
            reach: yield* (yield* Reach).report(admin as never, project.id),
          }
        }),
      )
      expect(results.respondents).toBe(24)
      // 19 of the 24 invented forms give 4 or 5.
      expect(results.usefulShare).toBeCloseTo(19 / 24, 9)
      expect(reach.usefulShare).toBeCloseTo(19 / 24, 9)
    } finally {
      await runtime.dispose()
    }
  })
})
