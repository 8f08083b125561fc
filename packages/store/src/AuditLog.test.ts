import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { AuditLog } from "./AuditLog.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

describe.each(testDatabases())("AuditLog on $name", (db) => {
  const layer = () => AuditLog.layer.pipe(Layer.provideMerge(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("filters by entity, actor and action, a page at a time", () =>
    Effect.gen(function* () {
      const log = yield* AuditLog
      yield* log.record({
        actor: "usr_a",
        action: "create",
        entity: "person:per_1",
        after: { givenName: "Ana" },
      })
      yield* log.record({
        actor: "usr_b",
        action: "update",
        entity: "person:per_1",
        before: { a: 1 },
        after: { a: 2 },
      })
      yield* log.record({ actor: "usr_a", action: "read_personal", entity: "beneficiary:bnf_1" })
      const byEntity = yield* log.list({ entity: "person:per_1" }, { limit: 1 })
      expect(byEntity.items.map((e) => e.action)).toEqual(["create"])
      const rest = yield* log.list({ entity: "person:per_1" }, { limit: 1, cursor: byEntity.nextCursor! })
      expect(rest.items[0]).toMatchObject({ action: "update", before: { a: 1 }, after: { a: 2 } })
      expect(rest.nextCursor).toBeNull()
      expect((yield* log.list({ actor: "usr_a" }, {})).items).toHaveLength(2)
      expect((yield* log.list({ actor: "usr_a", action: "read_personal" }, {})).items).toHaveLength(1)
      expect((yield* log.list({}, {})).items).toHaveLength(3)
      const newest = yield* log.list({}, { limit: 2 }, "newest")
      expect(newest.items.map((e) => e.action)).toEqual(["read_personal", "update"])
      const older = yield* log.list({}, { limit: 2, cursor: newest.nextCursor! }, "newest")
      expect(older.items.map((e) => e.action)).toEqual(["create"])
      expect(older.nextCursor).toBeNull()
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("is append-only, but lets erasure take personal values out", () =>
    Effect.gen(function* () {
      const log = yield* AuditLog
      const sql = yield* SqlClient.SqlClient
      yield* log.record({
        actor: "usr_a",
        action: "create",
        entity: "person:per_1",
        after: { givenName: "Ana", institutionId: "ins_1" },
      })
      yield* log.record({
        actor: "usr_a",
        action: "create",
        entity: "participation:par_1",
        after: { personId: "per_1", note: "Ana" },
      })
      yield* log.record({
        actor: "usr_a",
        action: "create",
        entity: "person:per_2",
        after: { givenName: "Ana" },
      })
      expect(Exit.isFailure(yield* Effect.exit(sql`DELETE FROM audit_log`))).toBe(true)
      expect(Exit.isFailure(yield* Effect.exit(sql`UPDATE audit_log SET actor = 'someone'`))).toBe(true)
      expect(Exit.isFailure(yield* Effect.exit(sql`UPDATE audit_log SET after = NULL`))).toBe(true)
      expect(yield* log.redact(["person:per_1"], ["Ana"])).toBe(2)
      const all = (yield* log.list({}, {})).items
      expect(all[0]!.after).toEqual({ givenName: "[erased]", institutionId: "ins_1" })
      expect(all[1]!.after).toEqual({ personId: "per_1", note: "[erased]" })
      // Another person's record is not touched.
      expect(all[2]!.after).toEqual({ givenName: "Ana" })
      expect(Exit.isFailure(yield* Effect.exit(sql`UPDATE audit_log SET entity = 'x'`))).toBe(true)
    }).pipe(Effect.provide(layer())),
  )
})
