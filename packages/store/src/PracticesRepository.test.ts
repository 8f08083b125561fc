import { NewPractice, NewRecommendation } from "@coordina/domain"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { PracticesRepository } from "./PracticesRepository.js"
import { RecommendationsRepository } from "./RecommendationsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const practice = (over: Record<string, unknown>) =>
  Schema.decodeUnknownSync(NewPractice)({
    country: "BE",
    area: "housing",
    level: "local",
    title: { en: "A practice" },
    description: { en: "Described." },
    sources: [],
    eventIds: [],
    presenterIds: [],
    ...over,
  })

describe.each(testDatabases())("PracticesRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(PracticesRepository.layer, RecommendationsRepository.layer).pipe(
      Layer.provideMerge(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)("stores, searches in both scripts, filters and pages", () =>
    Effect.gen(function* () {
      const repo = yield* PracticesRepository
      const ghent = yield* repo.create(
        "pra_1",
        practice({
          title: { bg: "Общинско настаняване в Гент", en: "Municipal housing in Ghent" },
          description: { bg: "Общината наема жилища от частни собственици." },
          sources: [{ title: "Stad Gent", url: "https://stad.gent", date: "2018-05-01" }],
          eventIds: ["evt_b", "evt_a"],
          presenterIds: ["per_1"],
        }),
      )
      expect(ghent).toMatchObject({
        id: "pra_1",
        version: 1,
        eventIds: ["evt_b", "evt_a"],
        presenterIds: ["per_1"],
        missingLanguages: ["en"],
        sources: [{ title: "Stad Gent", url: "https://stad.gent", date: "2018-05-01" }],
      })
      yield* repo.create(
        "pra_2",
        practice({
          country: "DE",
          area: "bulgarian_language",
          level: "regional",
          title: { en: "Integrationskurse: language courses" },
          description: { en: "Café-style tutoring by volunteers." },
        }),
      )
      yield* repo.create("pra_3", practice({ country: "SE", area: "coordination", level: "central" }))

      const ids = (p: { items: ReadonlyArray<{ id: string }> }) => p.items.map((i) => i.id)
      // Latin input finds the Cyrillic text; Cyrillic input finds Latin text; prefixes count.
      expect(ids(yield* repo.list({ q: "nastanyavane" }))).toEqual(["pra_1"])
      expect(ids(yield* repo.list({ q: "obsht sobstv" }))).toEqual(["pra_1"])
      expect(ids(yield* repo.list({ q: "Гент" }))).toEqual(["pra_1"])
      expect(ids(yield* repo.list({ q: "cafe" }))).toEqual(["pra_2"])
      expect(ids(yield* repo.list({ q: "STAD" }))).toEqual(["pra_1"])
      expect(ids(yield* repo.list({ q: "ghent courses" }))).toEqual([])
      expect(ids(yield* repo.list({ q: "' OR 1=1 --" }))).toEqual([])
      expect(ids(yield* repo.list({ q: "%:*&" }))).toEqual([])
      expect(ids(yield* repo.list({ country: "DE" }))).toEqual(["pra_2"])
      expect(ids(yield* repo.list({ area: "coordination", level: "central" }))).toEqual(["pra_3"])
      expect(ids(yield* repo.list({ area: "coordination", level: "local" }))).toEqual([])

      const first = yield* repo.list({ limit: 2 })
      expect(ids(first)).toEqual(["pra_1", "pra_2"])
      const second = yield* repo.list({ limit: 2, cursor: first.nextCursor! })
      expect(ids(second)).toEqual(["pra_3"])
      expect(second.nextCursor).toBeNull()

      // An update replaces texts, links and the search text, and moves the version on once.
      const changed = yield* repo.update(
        "pra_1",
        1,
        practice({
          title: { en: "Rental mediation" },
          description: { en: "Brokered leases." },
          eventIds: [],
        }),
      )
      expect(changed).toMatchObject({ version: 2, eventIds: [], presenterIds: [], missingLanguages: ["bg"] })
      expect(ids(yield* repo.list({ q: "nastanyavane" }))).toEqual([])
      expect(ids(yield* repo.list({ q: "mediation" }))).toEqual(["pra_1"])
      const stale = yield* Effect.flip(repo.update("pra_1", 1, practice({})))
      expect(stale).toMatchObject({ _tag: "PracticeVersionStale", currentVersion: 2 })
      expect((yield* Effect.flip(repo.get("pra_9")))._tag).toBe("PracticeNotFound")
      expect((yield* Effect.flip(repo.update("pra_9", 1, practice({}))))._tag).toBe("PracticeNotFound")

      expect(yield* repo.unknownEventIds(["evt_x", "evt_x"])).toEqual(["evt_x", "evt_x"])
      expect(yield* repo.unknownPersonIds([])).toEqual([])
      expect(yield* repo.unknownPracticeIds(["pra_2", "pra_9"])).toEqual(["pra_9"])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("keeps recommendations with their practices and findings, by level", () =>
    Effect.gen(function* () {
      const practices = yield* PracticesRepository
      const repo = yield* RecommendationsRepository
      yield* practices.create("pra_1", practice({}))
      yield* practices.create("pra_2", practice({}))
      const finding = {
        groupBy: "procedure",
        asOf: "2019-12-31",
        procedureId: "ordinance-2017",
        figure: { metric: "lateIntents", value: 4 },
      }
      const r = yield* repo.create(
        "rec_1",
        Schema.decodeUnknownSync(NewRecommendation)({
          level: "central",
          text: { bg: "Удължете срока.", en: "Extend the time limit." },
          practiceIds: ["pra_2", "pra_1"],
          findings: [finding],
        }),
      )
      expect(r).toMatchObject({
        id: "rec_1",
        level: "central",
        practiceIds: ["pra_2", "pra_1"],
        findings: [finding],
      })
      yield* repo.create(
        "rec_2",
        Schema.decodeUnknownSync(NewRecommendation)({
          level: "local",
          text: { en: "x" },
          practiceIds: [],
          findings: [],
        }),
      )
      expect((yield* repo.list({ level: "local" })).items.map((i) => i.id)).toEqual(["rec_2"])
      expect((yield* repo.list({})).items.map((i) => i.id)).toEqual(["rec_1", "rec_2"])
      // A link to a practice that does not exist is refused by the database too.
      const sql = yield* SqlClient.SqlClient
      const refused = yield* Effect.either(
        sql`INSERT INTO recommendation_practices (recommendation_id, practice_id, position) VALUES ('rec_2', 'pra_x', 0)`,
      )
      expect(refused._tag).toBe("Left")
    }).pipe(Effect.provide(layer())),
  )
})
