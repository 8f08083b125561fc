import { ManualChapters, NewProject } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { ManualsRepository } from "./ManualsRepository.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

describe.each(testDatabases())("ManualsRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(ManualsRepository.layer, ProjectsRepository.layer).pipe(
      Layer.provideMerge(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)(
    "replaces chapters with If-Match and publishes numbered snapshots that never change",
    () =>
      Effect.gen(function* () {
        const project = yield* (yield* ProjectsRepository).create(
          Schema.decodeUnknownSync(NewProject)({
            code: "MAN",
            title: "Manual",
            startDate: "2017-12-01",
            durationMonths: 16,
            targets: [],
          }),
        )
        const repo = yield* ManualsRepository
        const m = yield* repo.create("man_1", project.id, { bg: "Наръчник" })
        expect(m).toMatchObject({ chapters: [], versions: [], version: 1 })
        const chapters = Schema.decodeUnknownSync(ManualChapters)({
          chapters: [{ title: { bg: "Въведение" }, recommendationIds: [], practiceIds: [] }],
        }).chapters
        const changed = yield* repo.setChapters("man_1", 1, chapters)
        expect(changed.version).toBe(2)
        const stale = yield* Effect.flip(repo.setChapters("man_1", 1, []))
        expect(stale._tag).toBe("ManualVersionStale")
        const v1 = yield* repo.publish("man_1", {
          title: { bg: "Наръчник" },
          chapters: [{ title: { bg: "Въведение" }, recommendations: [], practices: [] }],
        })
        expect(v1.version).toBe(1)
        yield* repo.setChapters("man_1", 2, [])
        const v2 = yield* repo.publish("man_1", { title: { bg: "Наръчник" }, chapters: [] })
        expect(v2.version).toBe(2)
        expect((yield* repo.getVersion("man_1", 1)).chapters).toHaveLength(1)
        expect((yield* repo.get("man_1")).versions.map((v) => v.version)).toEqual([1, 2])
        expect((yield* Effect.flip(repo.getVersion("man_1", 3)))._tag).toBe("ManualVersionNotFound")
        expect((yield* Effect.flip(repo.get("man_x")))._tag).toBe("ManualNotFound")
      }).pipe(Effect.provide(layer())),
  )
})
