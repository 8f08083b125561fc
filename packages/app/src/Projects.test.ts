import { Extension } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Projects } from "./Projects.js"
import { callers, testApp, twoProjects } from "./testing/index.js"

describe.each(testDatabases())("Projects on $name", (db) => {
  it.effect.skipIf(!db.available)("creates with the Ids service's id and an audit entry, and extends", () =>
    Effect.gen(function* () {
      const projects = yield* Projects
      const { mine } = yield* twoProjects
      expect(mine).toMatch(/^prj_\d{6}$/)
      const extended = yield* projects.extend(
        callers.admin,
        mine,
        new Extension({ months: 6, reason: "Delay" }),
      )
      expect(extended.endDate).toBe("2020-06-30")
      const log = yield* (yield* AuditLog).list({ entity: `project:${mine}` }, {})
      expect(log.items.map((e) => e.action)).toEqual(["create", "extend"])
    }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)("shows a coordinator their projects only, in full pages", () =>
    Effect.gen(function* () {
      const projects = yield* Projects
      const { mine, other } = yield* twoProjects
      const coordinator = callers.coordinatorOf(mine)
      const page = yield* projects.list(coordinator, { limit: 1 })
      expect(page).toEqual({ items: [expect.objectContaining({ id: mine })], nextCursor: null })
      expect((yield* projects.list(callers.auditor, {})).items.map((p) => p.id)).toEqual([mine, other])
      // Another's project, or its extension, answers like a missing one.
      expect((yield* Effect.flip(projects.get(coordinator, other)))._tag).toBe("ProjectNotFound")
      const refused = yield* Effect.flip(
        projects.extend(coordinator, other, new Extension({ months: 1, reason: "Delay" })),
      )
      const missing = yield* Effect.flip(
        projects.extend(coordinator, "prj_missing", new Extension({ months: 1, reason: "Delay" })),
      )
      expect(refused._tag).toBe(missing._tag)
      expect(refused).toMatchObject({ _tag: "ProjectNotFound", projectId: other })
      expect((yield* projects.get(callers.admin, other)).extensions).toEqual([])
    }).pipe(Effect.provide(testApp(db))),
  )
})
