import { NewParticipation } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Events } from "./Events.js"
import { People } from "./People.js"
import { callers, eventOf, personAt, testApp, twoProjects } from "./testing/index.js"

describe.each(testDatabases())("People on $name", (db) => {
  it.effect.skipIf(!db.available)("finds Cyrillic names from Latin input and the reverse", () =>
    Effect.gen(function* () {
      const people = yield* People
      const { institutionId } = yield* twoProjects
      const maria = yield* personAt(institutionId, "Мария", "Петрова")
      const ivan = yield* personAt(institutionId, "Ivan", "Ivanov")
      yield* personAt(institutionId, "Georgi", "Dimitrov")
      const found = (q: string) =>
        people.search(callers.admin, { q }).pipe(Effect.map((page) => page.items.map((p) => p.id)))
      expect(yield* found("petrova")).toEqual([maria.id])
      expect(yield* found("Иванов")).toEqual([ivan.id])
      expect(yield* found("мария ПЕТР")).toEqual([maria.id])
      expect(yield* found("Живко")).toEqual([])
      expect(yield* found("%")).toEqual([])
    }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "merges and undoes with audit, and tells each caller what they may do",
    () =>
      Effect.gen(function* () {
        const people = yield* People
        const { institutionId } = yield* twoProjects
        const a = yield* personAt(institutionId, "Мария", "Петрова")
        const b = yield* personAt(institutionId, "Maria", "Petrova")
        expect(a.allowedActions).toEqual(["merge", "export", "erase"])
        expect((yield* people.get(callers.auditor, a.id)).allowedActions).toEqual([])
        const merged = yield* people.merge(callers.coordinatorOf(), b.id, a.id)
        expect(merged).toMatchObject({ mergedInto: a.id, allowedActions: ["unmerge"] })
        const undone = yield* people.unmerge(callers.admin, b.id)
        expect(undone.mergedInto).toBeUndefined()
        expect(undone.allowedActions).toEqual(["merge", "export", "erase"])
        const log = yield* (yield* AuditLog).list({ entity: `person:${b.id}` }, {})
        expect(log.items.map((e) => [e.action, e.actor])).toEqual([
          ["create", "usr_admin"],
          ["merge", "usr_coordinator"],
          ["unmerge", "usr_admin"],
        ])
        expect((yield* Effect.flip(people.merge(callers.admin, a.id, a.id)))._tag).toBe("MergeRefused")
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "audits every read of a participant's names, email and phone, per person and reader",
    () =>
      Effect.gen(function* () {
        const people = yield* People
        const { institutionId } = yield* twoProjects
        const a = yield* personAt(institutionId, "Иван", "Колев")
        const b = yield* personAt(institutionId, "Иван", "Колев")
        yield* people.get(callers.auditor, a.id)
        const found = yield* people.search(callers.coordinatorOf(), { q: "kolev" })
        expect(found.items.map((p) => p.id).sort()).toEqual([a.id, b.id].sort())
        yield* people.get(callers.admin, a.id)
        const log = yield* AuditLog
        const reads = (entity: string) =>
          Effect.map(log.list({ entity, action: "read_personal" }, {}), (page) =>
            page.items.map((e) => e.actor),
          )
        expect(yield* reads(`person:${a.id}`)).toEqual(["usr_auditor", "usr_coordinator", "usr_admin"])
        expect(yield* reads(`person:${b.id}`)).toEqual(["usr_coordinator"])
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "lists a person's participations in the caller's projects, in full pages",
    () =>
      Effect.gen(function* () {
        const people = yield* People
        const events = yield* Events
        const { institutionId, mine, other } = yield* twoProjects
        const person = yield* personAt(institutionId, "Елена", "Стоянова")
        const register = Schema.decodeUnknownSync(NewParticipation)({
          personId: person.id,
          role: "participant",
          status: "registered",
        })
        const mineEvents: Array<string> = []
        for (let i = 0; i < 3; i++)
          for (const projectId of [other, other, mine]) {
            const event = yield* eventOf(projectId)
            yield* events.register(callers.admin, event.id, register)
            if (projectId === mine) mineEvents.push(event.id)
          }
        const coordinator = callers.coordinatorOf(mine)
        const first = yield* people.participations(coordinator, person.id, { limit: 2 })
        expect(first.items.map((p) => p.eventId)).toEqual(mineEvents.slice(0, 2))
        const rest = yield* people.participations(coordinator, person.id, {
          limit: 2,
          cursor: first.nextCursor!,
        })
        expect(rest.items.map((p) => p.eventId)).toEqual(mineEvents.slice(2))
        expect(rest.nextCursor).toBeNull()
        expect((yield* people.participations(callers.admin, person.id, { limit: 500 })).items.length).toBe(9)
      }).pipe(Effect.provide(testApp(db))),
  )
})
