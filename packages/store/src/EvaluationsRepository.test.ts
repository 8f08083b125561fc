import {
  type EventId,
  isoDate,
  NewEvent,
  NewInstitution,
  NewParticipation,
  NewPerson,
  NewProject,
  Questionnaire,
} from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { EvaluationsRepository } from "./EvaluationsRepository.js"
import { EventsRepository } from "./EventsRepository.js"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { ParticipationsRepository } from "./ParticipationsRepository.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

let borisId = ""
const setup = Effect.gen(function* () {
  const project = yield* (yield* ProjectsRepository).create(
    new NewProject({
      code: "EVA-1",
      title: "Evaluations",
      startDate: isoDate("2026-01-01"),
      durationMonths: 24,
      targets: [],
    }),
  )
  const institution = yield* (yield* InstitutionsRepository).create(
    new NewInstitution({ name: "Община Русе", kind: "municipality", level: "local", country: "BG" }),
  )
  const people = yield* PeopleRepository
  const person = (givenName: string) =>
    people.create(new NewPerson({ givenName, familyName: "Петрова", institutionId: institution.id }))
  const ana = yield* person("Ана")
  yield* person("Борис").pipe(Effect.tap((boris) => Effect.sync(() => (borisId = boris.id))))
  const event = yield* (yield* EventsRepository).create(
    new NewEvent({
      projectId: project.id,
      kind: "regional_workshop",
      title: "Русе",
      startDate: isoDate("2026-11-10"),
      endDate: isoDate("2026-11-11"),
      city: "Русе",
    }),
  )
  const participations = yield* ParticipationsRepository
  const attending = yield* participations.register(
    event.id,
    new NewParticipation({ personId: ana.id, role: "participant", status: "registered" }),
  )
  yield* participations.setAttendance(event.id, ana.id, [isoDate("2026-11-10")], undefined)
  yield* participations.register(
    event.id,
    new NewParticipation({
      personId: borisId as NewParticipation["personId"],
      role: "speaker",
      status: "registered",
    }),
  )
  return { project, event, ana, attending }
})

const questionnaire = (eventId: string, anonymous: boolean) =>
  new Questionnaire({
    eventId: eventId as EventId,
    questions: [{ id: "useful", kind: "scale", text: { bg: "Полезно ли беше?" } }],
    closesAt: "2026-12-20T18:00:00Z",
    usefulness: { questionId: "useful", counts: [4, 5] },
    anonymous,
    updatedAt: "2026-11-12T10:00:00.000Z",
  })

describe.each(testDatabases())("EvaluationsRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(
      EvaluationsRepository.layer,
      ProjectsRepository.layer,
      InstitutionsRepository.layer,
      PeopleRepository.layer,
      EventsRepository.layer,
      ParticipationsRepository.layer,
    ).pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("stores a questionnaire and replaces it", () =>
    Effect.gen(function* () {
      const { event } = yield* setup
      const evaluations = yield* EvaluationsRepository
      expect(Option.isNone(yield* evaluations.find(event.id))).toBe(true)
      expect((yield* Effect.flip(evaluations.get(event.id)))._tag).toBe("EvaluationNotFound")
      const first = yield* evaluations.put(questionnaire(event.id, true))
      expect(first).toEqual(questionnaire(event.id, true))
      const second = yield* evaluations.put(
        new Questionnaire({
          ...questionnaire(event.id, false),
          usefulness: undefined,
          closesAt: "2026-12-31T22:00:00Z",
        }),
      )
      expect(second.anonymous).toBe(false)
      expect(second.usefulness).toBeUndefined()
      expect(second.closesAt).toBe("2026-12-31T22:00:00Z")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "lists only attended participations and keeps one link per participation",
    () =>
      Effect.gen(function* () {
        const { event, ana, attending } = yield* setup
        const evaluations = yield* EvaluationsRepository
        const attended = yield* evaluations.attended(event.id)
        expect(attended).toEqual([{ participationId: attending.id, personId: ana.id }])
        const link = { eventId: event.id, participationId: attending.id, personId: ana.id }
        yield* evaluations.replaceLink(link, "hash-1")
        yield* evaluations.replaceLink(link, "hash-2")
        expect((yield* Effect.flip(evaluations.linkByHash("hash-1")))._tag).toBe("EvaluationNotFound")
        expect(yield* evaluations.linkByHash("hash-2")).toEqual({ ...link, used: false })
        expect(yield* evaluations.markUsed("hash-2")).toBe(true)
        expect(yield* evaluations.markUsed("hash-2")).toBe(false)
        expect(yield* evaluations.links(event.id)).toEqual([{ ...link, used: true }])
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("stores answer sheets, edits one by its key and pools a project's", () =>
    Effect.gen(function* () {
      const { project, event } = yield* setup
      const evaluations = yield* EvaluationsRepository
      yield* evaluations.put(questionnaire(event.id, true))
      yield* evaluations.insertAnswers({
        id: "eva_1",
        eventId: event.id,
        source: "link",
        answerKey: "key-1",
        answers: { useful: 2 },
        at: "2026-11-12T10:00:00.000Z",
      })
      yield* evaluations.insertAnswers({
        id: "eva_2",
        eventId: event.id,
        source: "paper",
        answers: { useful: 5 },
        at: "2026-11-12T11:00:00.000Z",
      })
      const edited = yield* evaluations.updateAnswers("key-1", { useful: 4 }, "2026-11-13T09:00:00.000Z")
      expect(Option.getOrThrow(edited)).toEqual({
        answers: { useful: 4 },
        submittedAt: "2026-11-12T10:00:00.000Z",
        updatedAt: "2026-11-13T09:00:00.000Z",
      })
      expect(yield* evaluations.sheets(event.id)).toEqual([
        { answers: { useful: 4 } },
        { answers: { useful: 5 } },
      ])
      const pooled = yield* evaluations.ofProject(project.id, "2026-12-01")
      expect(pooled.map((p) => [p.questionnaire.eventId, p.sheets.length])).toEqual([[event.id, 2]])
      expect(yield* evaluations.ofProject(project.id, "2026-11-01")).toEqual([])
    }).pipe(Effect.provide(layer())),
  )
})
