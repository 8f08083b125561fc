import { Extension, isoDate, NewProject, Target } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const flagship = new NewProject({
  code: "COORD-MECH-2017",
  title: "Подобряване на координационния механизъм",
  funder: "AMIF",
  startDate: isoDate("2017-12-01"),
  durationMonths: 16,
  targets: [new Target({ indicator: "direct", value: 270 }), new Target({ indicator: "total", value: 700 })],
})

describe.each(testDatabases())("ProjectsRepository on $name", (db) => {
  const layer = () => ProjectsRepository.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("creates, reads back and extends a project", () =>
    Effect.gen(function* () {
      const repo = yield* ProjectsRepository
      const created = yield* repo.create(flagship)
      expect(created.title).toBe(flagship.title)
      expect(created.endDate).toBe("2019-03-31")
      expect(created.targets).toHaveLength(2)
      const extended = yield* repo.addExtension(created.id, new Extension({ months: 6, reason: "COVID-19" }))
      expect(extended.endDate).toBe("2019-09-30")
      expect(extended.version).toBe(2)
      const again = yield* repo.get(created.id)
      expect(again.extensions).toEqual([new Extension({ months: 6, reason: "COVID-19" })])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("refuses a second project with the same code", () =>
    Effect.gen(function* () {
      const repo = yield* ProjectsRepository
      const first = yield* repo.create(flagship)
      const exit = yield* Effect.exit(repo.create(flagship))
      expect(exit).toStrictEqual(Exit.fail(expect.anything()))
      if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
        expect(exit.cause.error).toMatchObject({ _tag: "ProjectCodeTaken", existingId: first.id })
      }
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("pages through projects with a cursor", () =>
    Effect.gen(function* () {
      const repo = yield* ProjectsRepository
      for (let i = 0; i < 5; i++) yield* repo.create(new NewProject({ ...flagship, code: `P-${i}` }))
      const first = yield* repo.list({ limit: 2 })
      expect(first.items.map((p) => p.code)).toEqual(["P-0", "P-1"])
      const second = yield* repo.list({ limit: 2, cursor: first.nextCursor! })
      expect(second.items.map((p) => p.code)).toEqual(["P-2", "P-3"])
      const last = yield* repo.list({ limit: 2, cursor: second.nextCursor! })
      expect(last.items.map((p) => p.code)).toEqual(["P-4"])
      expect(last.nextCursor).toBeNull()
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("reports a missing project as ProjectNotFound", () =>
    Effect.gen(function* () {
      const repo = yield* ProjectsRepository
      const error = yield* Effect.flip(repo.get("prj_missing"))
      expect(error._tag).toBe("ProjectNotFound")
    }).pipe(Effect.provide(layer())),
  )
})
