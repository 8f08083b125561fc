import {
  dayBefore,
  isoDate,
  type ReachProject,
  type ReportContent,
  type ReportKind,
  Questionnaire,
  reachOf,
  Target,
  toReachReport,
} from "@coordina/domain"
import { arbitraryReachRecords, reportContentOf } from "@coordina/domain/testing"
import {
  EvaluationsRepository,
  ProjectsRepository,
  ReachRepository,
  ReportRecordsRepository,
  Store,
} from "@coordina/store"
import { freshDatabaseLayer, storeReachRecords, testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Layer } from "effect"
import { ReportContents } from "./ReportContents.js"

const targets = [
  new Target({
    indicator: "direct",
    value: 10,
    breakdown: { byInstitutionKind: { municipality: 4 }, byLevel: { local: 3 } },
  }),
  new Target({ indicator: "indirect", value: 10 }),
  new Target({ indicator: "total", value: 25, breakdown: { byGender: { female: 5 } } }),
]

// Periods that start and end inside the multi-day events the records often hold.
const periods: ReadonlyArray<{ kind: ReportKind; start: string; end: string }> = [
  { kind: "interim", start: "2018-01-01", end: "2018-02-12" },
  { kind: "interim", start: "2018-02-13", end: "2018-06-30" },
  { kind: "reach_annex", start: "2018-03-15", end: "2018-12-31" },
  { kind: "final", start: "2018-01-01", end: "2018-12-31" },
]

/** The parts the store's fixture names differently from the reference (titles, cities). */
const comparable = (c: ReportContent) => ({
  ...c,
  identity: undefined,
  events: c.events.map(({ title: _t, city: _c, ...e }) => e),
  dissemination: c.dissemination.map(({ title: _t, kind: _k, ...d }) => d),
})

describe.each(testDatabases())("report content from the store on $name", (db) => {
  const layer = () =>
    ReportContents.layer.pipe(
      // Batches of 7 participations: the event figures' paging crosses batch boundaries.
      Layer.provide(ReportRecordsRepository.layerWithBatchSize(7)),
      Layer.provideMerge(Store.repositories),
      Layer.provideMerge(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)(
    "equals the in-memory reference on random records, and its reach is the reach endpoint's on the end date",
    () =>
      Effect.gen(function* () {
        const contents = yield* ReportContents
        const reach = yield* ReachRepository
        const seed = Date.now()
        const samples = fc.sample(arbitraryReachRecords({ people: 15, participations: 40 }), {
          numRuns: db.name === "sqlite" ? 10 : 6,
          seed,
        })
        for (const records of samples) {
          const stored = yield* storeReachRecords(records, targets)
          const project = yield* (yield* ProjectsRepository).get(stored.project.id)
          const reachProject: ReachProject = { ...stored.project }
          for (const p of periods) {
            const period = { start: isoDate(p.start), end: isoDate(p.end) }
            const content = yield* contents.compute(project, p.kind, period)
            // What GET /v1/projects/{id}/reach?asOf=<end> answers, computed as that route does.
            const endpoint = toReachReport(yield* reach.reach(project, period.end))
            expect(content.reach.asOfEnd, `seed ${seed}`).toEqual(endpoint)
            expect(content.reach.asOfEnd, `seed ${seed}`).toEqual(
              toReachReport(reachOf(stored.mapped, reachProject, period.end)),
            )
            const reference = reportContentOf(
              stored.mapped,
              { ...reachProject, code: project.code, title: project.title },
              p.kind,
              period,
            )
            expect(comparable(content), `seed ${seed} ${p.start}–${p.end}`).toEqual(comparable(reference))
            expect(content.identity).toMatchObject({ code: project.code, periodStart: p.start, kind: p.kind })
            expect(content.indicators.filter((r) => r.breakdown !== undefined)).toHaveLength(3)
          }
        }
      }).pipe(Effect.provide(layer())),
    180_000,
  )

  it.effect.skipIf(!db.available)(
    "puts the evaluations' useful share beside the targets, as the reach endpoint on the end date, only once answered",
    () =>
      Effect.gen(function* () {
        const contents = yield* ReportContents
        const evaluations = yield* EvaluationsRepository
        const [records] = fc.sample(arbitraryReachRecords({ people: 10, participations: 20 }), {
          numRuns: 1,
          seed: 7,
        })
        const stored = yield* storeReachRecords(records!, targets)
        const project = yield* (yield* ProjectsRepository).get(stored.project.id)
        const period = { start: isoDate("2018-01-01"), end: isoDate("2018-12-31") }
        const event = [...stored.mapped.events].sort((a, b) => (a.startDate < b.startDate ? -1 : 1))[0]!
        const before = yield* contents.compute(project, "interim", period)
        expect(before.reach.asOfEnd.usefulShare).toBeUndefined()
        yield* evaluations.put(
          new Questionnaire({
            eventId: event.id as never,
            questions: [{ id: "useful", kind: "scale", text: { bg: "Полезно ли беше?" } }],
            closesAt: "2019-01-31T18:00:00Z",
            usefulness: { questionId: "useful", counts: [4, 5] },
            anonymous: true,
            updatedAt: "2018-12-01T10:00:00.000Z",
          }),
        )
        for (const [i, useful] of [5, 4, 2, 4].entries())
          yield* evaluations.insertAnswers({
            id: `eva_${i}`,
            eventId: event.id,
            source: "paper",
            answers: { useful },
            at: "2018-12-01T11:00:00.000Z",
          })
        const after = yield* contents.compute(project, "interim", period)
        expect(after.reach.asOfEnd.usefulShare).toBe(3 / 4)
        // Additive: every other figure is as it was.
        const { usefulShare: _u, ...reachRest } = after.reach.asOfEnd
        expect(reachRest).toEqual(before.reach.asOfEnd)
        expect(after.indicators).toEqual(before.indicators)
        // A period that ends before the event started does not count its answers.
        const early = { start: isoDate("2017-01-01"), end: dayBefore(event.startDate) }
        expect((yield* contents.compute(project, "interim", early)).reach.asOfEnd.usefulShare).toBeUndefined()
      }).pipe(Effect.provide(layer())),
    60_000,
  )
})
