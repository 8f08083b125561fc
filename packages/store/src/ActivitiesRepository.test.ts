import { isoDate, NewProject } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { ActivitiesRepository } from "./ActivitiesRepository.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const entry = {
  code: "A2",
  title: "Шест регионални семинара",
  plannedStart: isoDate("2018-02-01"),
  plannedEnd: isoDate("2018-11-30"),
  status: "in_progress" as const,
  responsible: "НСОРБ",
  deliverables: ["6 workshops", "minutes"],
}

describe.each(testDatabases())("ActivitiesRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(ActivitiesRepository.layer, ProjectsRepository.layer).pipe(
      Layer.provideMerge(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)("stores, orders, versions and lists activities with their progress", () =>
    Effect.gen(function* () {
      const repo = yield* ActivitiesRepository
      const project = yield* (yield* ProjectsRepository).create(
        new NewProject({
          code: "PLAN",
          title: "Plan",
          startDate: isoDate("2017-12-01"),
          durationMonths: 16,
          targets: [],
        }),
      )
      yield* repo.create("act_10", project.id, { ...entry, code: "A10" })
      const created = yield* repo.create("act_2", project.id, entry)
      expect(created).toMatchObject({
        ...entry,
        id: "act_2",
        projectId: project.id,
        version: 1,
        progress: [],
      })
      expect((yield* repo.create("act_x", project.id, entry).pipe(Effect.flip))._tag).toBe(
        "ActivityCodeTaken",
      )

      const updated = yield* repo.update("act_2", 1, {
        ...entry,
        status: "completed",
        actualStart: isoDate("2018-02-12"),
      })
      expect(updated).toMatchObject({ status: "completed", actualStart: "2018-02-12", version: 2 })
      expect((yield* repo.update("act_2", 1, entry).pipe(Effect.flip))._tag).toBe("ActivityVersionStale")
      expect((yield* repo.update("act_2", 2, { ...entry, code: "A10" }).pipe(Effect.flip))._tag).toBe(
        "ActivityCodeTaken",
      )

      const withText = yield* repo.addProgress("act_2", "apg_1", {
        periodStart: isoDate("2017-12-01"),
        periodEnd: isoDate("2018-06-30"),
        text: "Проведени два семинара",
      })
      expect(withText.version).toBe(3)
      expect(withText.progress).toMatchObject([
        { id: "apg_1", text: "Проведени два семинара", periodEnd: "2018-06-30" },
      ])
      expect((yield* repo.listByProject(project.id)).map((a) => a.code)).toEqual(["A2", "A10"])
      expect((yield* repo.get("act_none").pipe(Effect.flip))._tag).toBe("ActivityNotFound")
    }).pipe(Effect.provide(layer())),
  )
})
