import { IsoDate, NewDisseminationActivity, NewEvent, NewParticipation } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Dissemination } from "./Dissemination.js"
import { Events } from "./Events.js"
import { callers, eventOf, personAt, testApp, twoProjects } from "./testing/index.js"

const newEvent = (projectId: string) =>
  Schema.decodeUnknownSync(NewEvent)({
    projectId,
    kind: "training_seminar",
    title: "Seminar",
    startDate: "2018-05-10",
    endDate: "2018-05-11",
    city: "Варна",
  })

describe.each(testDatabases())("Events and Dissemination on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "registers and records attendance, audited, refusing a stale version and days outside the event",
    () =>
      Effect.gen(function* () {
        const events = yield* Events
        const { institutionId, mine } = yield* twoProjects
        const coordinator = callers.coordinatorOf(mine)
        const event = yield* events.create(coordinator, newEvent(mine))
        const person = yield* personAt(institutionId, "Мария", "Петрова")
        const registered = yield* events.register(
          coordinator,
          event.id,
          Schema.decodeUnknownSync(NewParticipation)({
            personId: person.id,
            role: "participant",
            status: "registered",
          }),
        )
        expect(registered).toMatchObject({ institutionId, attendedDays: [], version: 1 })
        const day = IsoDate.make("2018-05-11")
        const attended = yield* events.setAttendance(coordinator, event.id, person.id, [day], 1)
        expect(attended).toMatchObject({ attendedDays: ["2018-05-11"], version: 2 })
        expect(
          (yield* Effect.flip(events.setAttendance(coordinator, event.id, person.id, [day], 1)))._tag,
        ).toBe("ParticipationVersionStale")
        const outside = yield* Effect.flip(
          events.setAttendance(coordinator, event.id, person.id, [IsoDate.make("2018-05-12")], undefined),
        )
        expect(outside._tag).toBe("DayOutsideEvent")
        const log = yield* (yield* AuditLog).list({ entity: `participation:${registered.id}` }, {})
        expect(log.items.map((e) => e.action)).toEqual(["create", "record_attendance"])
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "refuses every write naming another project's records as if they were missing, writing nothing",
    () =>
      Effect.gen(function* () {
        const events = yield* Events
        const dissemination = yield* Dissemination
        const { institutionId, mine, other } = yield* twoProjects
        const coordinator = callers.coordinatorOf(mine)
        const theirs = yield* eventOf(other)
        const person = yield* personAt(institutionId, "Иван", "Иванов")
        const registration = Schema.decodeUnknownSync(NewParticipation)({
          personId: person.id,
          role: "participant",
          status: "registered",
        })
        const activity = (projectId: string) =>
          Schema.decodeUnknownSync(NewDisseminationActivity)({
            projectId,
            kind: "publication",
            date: "2018-04-01",
            title: "Brochure",
            namedPersonIds: [person.id],
            additionalCount: 0,
            method: "counted",
          })
        const before = (yield* (yield* AuditLog).list({}, { limit: 500 })).items.length
        const tags = yield* Effect.all([
          Effect.flip(events.create(coordinator, newEvent(other))),
          Effect.flip(events.register(coordinator, theirs.id, registration)),
          Effect.flip(events.setAttendance(coordinator, theirs.id, person.id, [], undefined)),
          Effect.flip(events.get(coordinator, theirs.id)),
          Effect.flip(events.participations(coordinator, theirs.id, {})),
          Effect.flip(dissemination.create(coordinator, activity(other))),
        ]).pipe(Effect.map((errors) => errors.map((e) => e._tag)))
        expect(tags).toEqual([
          "ProjectNotFound",
          "EventNotFound",
          "EventNotFound",
          "EventNotFound",
          "EventNotFound",
          "ProjectNotFound",
        ])
        expect((yield* (yield* AuditLog).list({}, { limit: 500 })).items.length).toBe(before)
        expect((yield* events.participations(callers.admin, theirs.id, {})).items).toEqual([])
        expect((yield* dissemination.create(coordinator, activity(mine))).projectId).toBe(mine)
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)("lists a coordinator's events and activities in full pages", () =>
    Effect.gen(function* () {
      const events = yield* Events
      const dissemination = yield* Dissemination
      const { mine, other } = yield* twoProjects
      const activity = (projectId: string) =>
        Schema.decodeUnknownSync(NewDisseminationActivity)({
          projectId,
          kind: "media",
          date: "2018-04-01",
          title: "Radio",
          namedPersonIds: [],
          additionalCount: 100,
          method: "estimated",
        })
      for (let i = 0; i < 4; i++)
        for (const projectId of [other, other, other, mine]) {
          yield* eventOf(projectId)
          yield* dissemination.create(callers.admin, activity(projectId))
        }
      const coordinator = callers.coordinatorOf(mine)
      const walk = <A extends { readonly projectId: string }>(
        page: (
          cursor: string | undefined,
        ) => Effect.Effect<{ items: ReadonlyArray<A>; nextCursor: string | null }, unknown>,
      ) =>
        Effect.gen(function* () {
          const sizes: Array<number> = []
          let cursor: string | undefined
          for (;;) {
            const p = yield* page(cursor)
            sizes.push(p.items.length)
            expect(p.items.every((i) => i.projectId === mine)).toBe(true)
            if (p.nextCursor === null) return sizes
            cursor = p.nextCursor
          }
        })
      expect(yield* walk((cursor) => events.list(coordinator, { limit: 2, cursor }))).toEqual([2, 2])
      expect(yield* walk((cursor) => dissemination.list(coordinator, { limit: 2, cursor }))).toEqual([2, 2])
      expect((yield* Effect.flip(events.list(coordinator, { projectId: other })))._tag).toBe(
        "ProjectNotFound",
      )
    }).pipe(Effect.provide(testApp(db))),
  )
})
