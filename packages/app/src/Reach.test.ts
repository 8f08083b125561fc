import { IsoDate, NewParticipation } from "@coordina/domain"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Events } from "./Events.js"
import { Reach } from "./Reach.js"
import { callers, eventOf, personAt, testApp, twoProjects } from "./testing/index.js"

/** A project with one person who attended one day of one event. */
const attendedOnce = Effect.gen(function* () {
  const fixture = yield* twoProjects
  const event = yield* eventOf(fixture.mine, "2018-03-01")
  const person = yield* personAt(fixture.institutionId, "Мария", "Петрова")
  const events = yield* Events
  yield* events.register(
    callers.admin,
    event.id,
    Schema.decodeUnknownSync(NewParticipation)({
      personId: person.id,
      role: "participant",
      status: "registered",
    }),
  )
  yield* events.setAttendance(callers.admin, event.id, person.id, [IsoDate.make("2018-03-01")], undefined)
  return { ...fixture, eventId: event.id, personId: person.id }
})

describe.each(testDatabases())("Reach on $name", (db) => {
  // 23:30 UTC on 31 December is already 1 January in Sofia.
  const newYearsEve = "2018-12-31T23:30:00Z"

  it.effect.skipIf(!db.available)("counts as of today in the configured zone by default", () =>
    Effect.gen(function* () {
      const reach = yield* Reach
      const { mine } = yield* attendedOnce
      const report = yield* reach.report(callers.admin, mine)
      expect(report.asOf).toBe("2019-01-01")
      expect(report.direct.total).toBe(1)
      expect((yield* reach.report(callers.admin, mine, IsoDate.make("2018-02-28"))).direct.total).toBe(0)
      const attendance = yield* reach.events(callers.admin, mine)
      expect(attendance.asOf).toBe("2019-01-01")
      expect(attendance.items.map((e) => e.uniquePersons)).toEqual([1])
      const series = yield* reach.series(callers.admin, mine, {})
      expect(series.points.at(-1)!.asOf).toBe("2019-01-01")
    }).pipe(Effect.provide(testApp(db, newYearsEve))),
  )

  it.effect.skipIf(!db.available)(
    "names the persons behind a figure only to callers allowed to see names",
    () =>
      Effect.gen(function* () {
        const reach = yield* Reach
        const { mine, other, personId, eventId } = yield* attendedOnce
        const asAdmin = yield* reach.people(callers.admin, mine, { indicator: "direct" })
        expect(asAdmin.items).toEqual([
          expect.objectContaining({
            personId,
            displayName: "Мария Петрова",
            firstDate: "2018-03-01",
            via: eventId,
          }),
        ])
        const asCoordinator = yield* reach.people(callers.coordinatorOf(mine), mine, { indicator: "direct" })
        expect(asCoordinator.items[0]!.displayName).toBe("Мария Петрова")
        const asAuditor = yield* reach.people(callers.auditor, mine, { indicator: "direct" })
        expect(asAuditor.items).toEqual([
          { personId, institutionId: expect.any(String), firstDate: "2018-03-01", via: eventId },
        ])
        expect((yield* Effect.flip(reach.report(callers.coordinatorOf(mine), other)))._tag).toBe(
          "ProjectNotFound",
        )
      }).pipe(Effect.provide(testApp(db, newYearsEve))),
  )
})
