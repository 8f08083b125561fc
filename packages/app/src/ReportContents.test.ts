import {
  isoDate,
  type ReachProject,
  type ReportContent,
  type ReportKind,
  reachOf,
  Target,
  toReachReport,
} from "@coordina/domain"
import { arbitraryReachRecords, reportContentOf } from "@coordina/domain/testing"
import { ProjectsRepository, ReachRepository, ReportRecordsRepository, Store } from "@coordina/store"
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
})
