import { isoDate, replay } from "@coordina/domain"
import { App } from "@coordina/app"
import { AgreementsRepository, ReviewRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { loadAgreementsDemo } from "./AgreementsDemo.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("the agreements demo", () => {
  it("loads once, replays, and shows the bottleneck: many intents, almost no offers, very few concluded", async () => {
    const runtime = ManagedRuntime.make(
      App.layer({ databaseUrl: await sqlite.freshUrl(), timeZone: "Europe/Sofia" }),
    )
    try {
      expect(await runtime.runPromise(loadAgreementsDemo)).toBe(true)
      expect(await runtime.runPromise(loadAgreementsDemo)).toBe(false)
      const review = await runtime.runPromise(
        ReviewRepository.pipe(
          Effect.flatMap((r) => r.review({ groupBy: "procedure", asOf: isoDate("2020-12-31") })),
        ),
      )
      const { funnel, offers, lateIntents } = review.total
      expect(funnel.intents).toBe(48)
      expect(offers.count).toBe(3)
      expect(funnel.concluded).toBe(3)
      expect(funnel.matched).toBe(5)
      expect(funnel.terminated).toBe(1)
      expect(funnel.extended).toBe(1)
      expect(funnel.closed).toBeGreaterThan(20)
      expect(lateIntents).toBeGreaterThan(0)
      expect(review.groups.map((g) => g.key)).toEqual(["ordinance-2016", "ordinance-2017"])
      const page = await runtime.runPromise(
        AgreementsRepository.pipe(Effect.flatMap((r) => r.list({ asOf: "2020-12-31", limit: 500 }))),
      )
      for (const a of page.items) {
        const events = await runtime.runPromise(
          AgreementsRepository.pipe(Effect.flatMap((r) => r.events(a.id))),
        )
        // The list adds the pseudonym and whether a name matched; the rest is the agreement itself.
        const { beneficiaryPseudonym: _pseudonym, byName: _byName, ...agreement } = a
        expect(replay(events)).toEqual(agreement)
      }
    } finally {
      await runtime.dispose()
    }
  })
})
