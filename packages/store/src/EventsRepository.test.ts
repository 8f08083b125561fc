import {
  isoDate,
  NewDisseminationActivity,
  NewEvent,
  NewInstitution,
  NewParticipation,
  NewPerson,
  NewProject,
  Target,
  TargetGroup,
} from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { DisseminationRepository } from "./DisseminationRepository.js"
import { EventsRepository } from "./EventsRepository.js"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { ParticipationsRepository } from "./ParticipationsRepository.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const setup = Effect.gen(function* () {
  const project = yield* (yield* ProjectsRepository).create(
    new NewProject({
      code: "EV-1",
      title: "Events",
      startDate: isoDate("2018-01-01"),
      durationMonths: 12,
      targets: [new Target({ indicator: "direct", value: 5 })],
      minimumAttendanceShare: 0.5,
      targetGroup: new TargetGroup({ institutionKinds: ["municipality"] }),
    }),
  )
  const m1 = yield* (yield* InstitutionsRepository).create(
    new NewInstitution({ name: "Община", kind: "municipality", level: "local", country: "BG" }),
  )
  const n1 = yield* (yield* InstitutionsRepository).create(
    new NewInstitution({ name: "НПО", kind: "ngo", level: "central", country: "BG" }),
  )
  const person = yield* (yield* PeopleRepository).create(
    new NewPerson({ givenName: "Мария", familyName: "Петрова", institutionId: m1.id }),
  )
  const event = yield* (yield* EventsRepository).create(
    new NewEvent({
      projectId: project.id,
      kind: "training_seminar",
      title: "Seminar",
      startDate: isoDate("2018-05-10"),
      endDate: isoDate("2018-05-11"),
      city: "София",
      planningRegion: "BG41",
    }),
  )
  return { project, m1, n1, person, event }
})

describe.each(testDatabases())("events, participations and dissemination on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(
      ProjectsRepository.layer,
      InstitutionsRepository.layer,
      PeopleRepository.layer,
      EventsRepository.layer,
      ParticipationsRepository.layer,
      DisseminationRepository.layer,
    ).pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("stores a project's reach rules and events", () =>
    Effect.gen(function* () {
      const { project, event } = yield* setup
      expect(project).toMatchObject({
        minimumAttendanceShare: 0.5,
        targetGroup: new TargetGroup({ institutionKinds: ["municipality"] }),
      })
      const events = yield* EventsRepository
      expect(yield* events.get(event.id)).toEqual(event)
      expect((yield* events.list({ projectId: project.id })).items.map((e) => e.id)).toEqual([event.id])
      expect((yield* events.list({ projectId: "prj_other" })).items).toEqual([])
      expect((yield* events.list({ projectId: project.id })).total).toBe(1)
      expect((yield* events.list({ projectId: "prj_other" })).total).toBe(0)
      const missing = yield* Effect.flip(
        events.create(new NewEvent({ ...event, projectId: "prj_missing" as never })),
      )
      expect(missing._tag).toBe("ProjectNotFound")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("registers once, defaults the institution, and records attended days", () =>
    Effect.gen(function* () {
      const { n1, person, event } = yield* setup
      const repo = yield* ParticipationsRepository
      const p = yield* repo.register(
        event.id,
        new NewParticipation({ personId: person.id, role: "participant", status: "registered" }),
      )
      expect(p).toMatchObject({ institutionId: person.institutionId, attendedDays: [], version: 1 })
      const twice = yield* Effect.flip(
        repo.register(
          event.id,
          new NewParticipation({ personId: person.id, role: "speaker", status: "invited" }),
        ),
      )
      expect(twice).toMatchObject({ _tag: "AlreadyRegistered", existingId: p.id })
      const attended = yield* repo.setAttendance(event.id, person.id, [
        isoDate("2018-05-11"),
        isoDate("2018-05-10"),
      ])
      expect(attended).toMatchObject({ attendedDays: ["2018-05-10", "2018-05-11"], version: 2 })
      const outside = yield* Effect.flip(repo.setAttendance(event.id, person.id, [isoDate("2018-05-12")]))
      expect(outside).toMatchObject({ _tag: "DayOutsideEvent", day: "2018-05-12" })
      const stale = yield* Effect.flip(repo.setAttendance(event.id, person.id, [], 1))
      expect(stale._tag).toBe("ParticipationVersionStale")
      expect((yield* repo.setAttendance(event.id, person.id, [], 2)).attendedDays).toEqual([])
      const other = yield* (yield* PeopleRepository).create(
        new NewPerson({ givenName: "Иван", familyName: "Иванов", institutionId: n1.id }),
      )
      yield* repo.register(
        event.id,
        new NewParticipation({
          personId: other.id,
          role: "speaker",
          status: "registered",
          institutionId: n1.id,
        }),
      )
      const list = yield* repo.listByEvent(event.id, { limit: 1 })
      // The count is of the whole list, not of the page.
      expect(list.total).toBe(2)
      expect(list.items).toHaveLength(1)
      expect((yield* repo.listByEvent(event.id, { cursor: list.nextCursor! })).items[0]?.role).toBe("speaker")
      expect(Option.isNone(yield* repo.find(event.id, "per_missing"))).toBe(true)
      const nobody = yield* Effect.flip(
        repo.register(
          event.id,
          new NewParticipation({ personId: "per_x" as never, role: "participant", status: "registered" }),
        ),
      )
      expect(nobody._tag).toBe("PersonNotFound")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("records dissemination with its named people, once each", () =>
    Effect.gen(function* () {
      const { project, person } = yield* setup
      const repo = yield* DisseminationRepository
      const a = yield* repo.create(
        new NewDisseminationActivity({
          projectId: project.id,
          kind: "manual_distribution",
          date: isoDate("2018-06-01"),
          title: "Manual",
          namedPersonIds: [person.id, person.id],
          additionalCount: 7,
          method: "counted",
        }),
      )
      expect(a).toMatchObject({ namedPersonIds: [person.id], additionalCount: 7 })
      expect((yield* repo.list({ projectId: project.id })).items).toEqual([a])
      const missing = yield* Effect.flip(
        repo.create(new NewDisseminationActivity({ ...a, namedPersonIds: ["per_missing" as never] })),
      )
      expect(missing).toMatchObject({ _tag: "PersonNotFound", personId: "per_missing" })
    }).pipe(Effect.provide(layer())),
  )
})
