import { InstitutionPatch } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Institutions } from "./Institutions.js"
import { callers, testApp, twoProjects } from "./testing/index.js"

describe.each(testDatabases())("Institutions on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "changes an institution at the current version only, audited before and after",
    () =>
      Effect.gen(function* () {
        const institutions = yield* Institutions
        const { institutionId } = yield* twoProjects
        const changed = yield* institutions.update(
          callers.coordinatorOf(),
          institutionId,
          new InstitutionPatch({ name: "Община Русе (Ruse)" }),
          1,
        )
        expect(changed).toMatchObject({ name: "Община Русе (Ruse)", version: 2 })
        const stale = yield* Effect.flip(
          institutions.update(callers.admin, institutionId, new InstitutionPatch({ name: "Other" }), 1),
        )
        expect(stale._tag).toBe("InstitutionVersionStale")
        expect((yield* institutions.list({ q: "ruse" })).items.map((i) => i.id)).toEqual([institutionId])
        const log = yield* (yield* AuditLog).list({ entity: `institution:${institutionId}` }, {})
        expect(log.items.map((e) => [e.action, e.actor])).toEqual([
          ["create", "usr_admin"],
          ["update", "usr_coordinator"],
        ])
      }).pipe(Effect.provide(testApp(db))),
  )
})
