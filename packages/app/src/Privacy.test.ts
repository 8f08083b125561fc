import { isoDate, keptPersonAttributes } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { People } from "./People.js"
import { Privacy } from "./Privacy.js"
import { Retention } from "./Retention.js"
import { callers, personAt, testApp, twoProjects } from "./testing/index.js"

const salt = "app-test-salt-0123456789"

describe.each(testDatabases())("Privacy and Retention on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "exports and erases a person, each audit-logged, keeping the domain's attributes",
    () =>
      Effect.gen(function* () {
        const privacy = yield* Privacy
        const { institutionId } = yield* twoProjects
        const person = yield* personAt(institutionId, "Мария", "Петрова")
        const exported = yield* privacy.exportPerson(callers.admin, person.id)
        expect(exported.records).toEqual([expect.objectContaining({ id: person.id, givenName: "Мария" })])
        const erased = yield* privacy.erase(callers.admin, "person", person.id, salt)
        expect(erased).toMatchObject({
          entity: `person:${person.id}`,
          records: 1,
          kept: keptPersonAttributes,
        })
        const after = yield* (yield* People).get(callers.admin, person.id)
        expect(after).toMatchObject({
          givenName: "Erased",
          familyName: erased.erasureKey,
          allowedActions: ["merge", "export"],
        })
        const log = yield* (yield* AuditLog).list({ entity: `person:${person.id}` }, {})
        expect(log.items.map((e) => e.action)).toEqual(["create", "read_personal", "erase"])
        expect(JSON.stringify(log.items)).not.toContain("Мария")
        expect((yield* Effect.flip(privacy.erase(callers.admin, "person", person.id, salt)))._tag).toBe(
          "AlreadyErased",
        )
        expect((yield* Effect.flip(privacy.exportPerson(callers.admin, "per_missing")))._tag).toBe(
          "PersonNotFound",
        )
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "applies retention as of today in the configured zone, through the same erasure",
    () =>
      Effect.gen(function* () {
        const retention = yield* Retention
        const sql = yield* SqlClient.SqlClient
        const { institutionId } = yield* twoProjects
        const person = yield* personAt(institutionId, "Иван", "Иванов")
        // Registered in 2018 (the rows' dates are the real clock's: set them back).
        yield* sql`UPDATE people SET created_at = '2018-01-10T09:00:00.000Z'`
        const dry = yield* retention.run({ dryRun: true, actor: callers.admin })
        expect(dry.asOf).toBe("2026-06-15")
        expect(dry.counts.participant_personal).toBe(1)
        expect(
          (yield* retention.run({ asOf: isoDate("2023-01-10"), dryRun: true, actor: callers.admin })).counts
            .participant_personal,
        ).toBe(0)
        const real = yield* retention.run({ dryRun: false, actor: { id: "worker:retention" }, salt })
        expect(real.counts.participant_personal).toBe(1)
        const log = yield* (yield* AuditLog).list({ entity: `person:${person.id}`, action: "erase" }, {})
        expect(log.items.map((e) => e.actor)).toEqual(["worker:retention"])
        expect(Number((yield* sql`SELECT COUNT(*) AS n FROM retention_runs`)[0]!.n)).toBe(3)
      }).pipe(Effect.provide(testApp(db))),
  )
})
