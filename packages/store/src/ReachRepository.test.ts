import {
  isoDate,
  type ReachProject,
  type ReachRecords,
  reachOf,
  timelineOf,
  toReachReport,
} from "@coordina/domain"
import { arbitraryReachRecords } from "@coordina/domain/testing"
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, FastCheck as fc, Layer } from "effect"
import { DisseminationRepository } from "./DisseminationRepository.js"
import { EventsRepository } from "./EventsRepository.js"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { ParticipationsRepository } from "./ParticipationsRepository.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { ReachRepository } from "./ReachRepository.js"
import { freshDatabaseLayer, storeReachRecords, testDatabases } from "./testing/index.js"

const repositories = Layer.mergeAll(
  ProjectsRepository.layer,
  InstitutionsRepository.layer,
  PeopleRepository.layer,
  EventsRepository.layer,
  ParticipationsRepository.layer,
  DisseminationRepository.layer,
  // Tiny batches and chunks, so every sample crosses several boundaries in every query, and
  // target groups both within and beyond the VALUES list's limit.
  ReachRepository.layerWithBatchSize(7, 3, 3),
)

const store = (records: ReachRecords) => storeReachRecords(records)

// 2018-02-12 and 2018-02-13 fall within the multi-day events the records often start on 2018-02-12.
const asOfs = [
  isoDate("2017-12-31"),
  isoDate("2018-02-12"),
  isoDate("2018-02-13"),
  isoDate("2018-03-15"),
  isoDate("2018-07-01"),
  isoDate("2018-12-31"),
]

/**
 * What a project may say about who counts: no minimum share, or one (some events then need
 * two or three days), and the default target group or a narrowed one.
 */
const arbitraryRules = fc.record({
  minimumAttendanceShare: fc.constantFrom(undefined, 0.5, 0.6, 1),
  targetGroup: fc.constantFrom<ReachProject["targetGroup"]>(
    undefined,
    { institutionKinds: ["municipality", "ngo"] },
    { levels: ["local", "regional"] },
  ),
})

describe.each(testDatabases())("ReachRepository on $name", (db) => {
  const layer = () => repositories.pipe(Layer.provideMerge(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)(
    "gives exactly what the pure rules give, on random records, at several dates",
    () =>
      Effect.gen(function* () {
        const reach = yield* ReachRepository
        const seed = Date.now()
        const samples = fc.sample(
          fc.tuple(arbitraryReachRecords({ people: 15, participations: 40 }), arbitraryRules),
          { numRuns: db.name === "sqlite" ? 16 : 10, seed },
        )
        for (const [records, rules] of samples) {
          const stored = yield* store(records)
          const { mapped } = stored
          const project: ReachProject = { ...stored.project, ...rules }
          for (const asOf of asOfs) {
            const fromStore = yield* reach.reach(project, asOf)
            const pure = reachOf(mapped, project, asOf)
            expect(toReachReport(fromStore), `seed ${seed}`).toEqual(toReachReport(pure))
            expect(new Map(fromStore.direct), `seed ${seed}`).toEqual(new Map(pure.direct))
            expect(new Map(fromStore.indirectNamed), `seed ${seed}`).toEqual(new Map(pure.indirectNamed))
          }
          const timeline = yield* reach.timeline(project)
          const pureTimeline = timelineOf(mapped, project)
          expect(timeline.series(asOfs)).toEqual(pureTimeline.series(asOfs))
          // The timeline a report builds from its reach agrees on every date up to that reach's.
          for (const asOf of asOfs) {
            const upTo = asOfs.filter((d) => d <= asOf)
            const fromReach = yield* reach.timelineUpTo(project, asOf)
            expect(fromReach.series(upTo), `seed ${seed}, ${asOf}`).toEqual(pureTimeline.series(upTo))
          }
        }
      }).pipe(Effect.provide(layer())),
    120_000,
  )

  it.effect.skipIf(!db.available)(
    "merging then undoing the merge through the store restores every figure",
    () =>
      Effect.gen(function* () {
        const reach = yield* ReachRepository
        const people = yield* PeopleRepository
        const seed = Date.now()
        const samples = fc.sample(
          fc.tuple(arbitraryReachRecords({ people: 12, participations: 30 }), fc.nat(), fc.nat()),
          { numRuns: db.name === "sqlite" ? 8 : 4, seed },
        )
        for (const [records, i, j] of samples) {
          const { project, mapped } = yield* store(records)
          const live = mapped.people.filter((p) => p.mergedInto === undefined)
          const from = live[i % live.length]!
          const into = live[j % live.length]!
          if (from.id === into.id) continue
          const before = yield* reach.reach(project, isoDate("2018-12-31"))
          yield* people.merge(from.id, into.id)
          const merged = yield* reach.reach(project, isoDate("2018-12-31"))
          expect(merged.direct.has(from.id), `seed ${seed}`).toBe(false)
          expect(merged.indirectNamed.has(from.id), `seed ${seed}`).toBe(false)
          yield* people.unmerge(from.id)
          const after = yield* reach.reach(project, isoDate("2018-12-31"))
          expect(toReachReport(after), `seed ${seed}`).toEqual(toReachReport(before))
          expect(new Map(after.direct), `seed ${seed}`).toEqual(new Map(before.direct))
        }
      }).pipe(Effect.provide(layer())),
    120_000,
  )

  it.effect.skipIf(!db.available)(
    "serves a figure again until a write to what it reads moves the data version, whoever writes",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const reach = yield* ReachRepository
        const asOf = isoDate("2018-12-31")
        const samples = fc.sample(arbitraryReachRecords({ people: 15, participations: 40 }), {
          numRuns: 20,
          seed: 14,
        })
        const versions = () =>
          sql`SELECT scope, version FROM reach_data_versions ORDER BY scope`.values.pipe(
            Effect.map((rows) =>
              rows.map(([scope, version]) => `${String(scope)}=${String(version)}`).join(" "),
            ),
          )
        for (const records of samples) {
          const { project, mapped } = yield* store(records)
          const first = yield* reach.reach(project, asOf)
          if (first.direct.size === 0) continue
          expect(yield* reach.reach(project, asOf)).toBe(first)
          expect(yield* reach.report(project, asOf)).toEqual(toReachReport(first))

          // A change to people, written by plain SQL as another program would: every project's version moves.
          const before = yield* versions()
          yield* sql`UPDATE people SET gender = 'female'`
          expect(yield* versions()).not.toEqual(before)
          const regendered = {
            ...mapped,
            people: mapped.people.map((p) => ({ ...p, gender: "female" as const })),
          }
          const second = yield* reach.reach(project, asOf)
          expect(second).not.toBe(first)
          expect(toReachReport(second)).toEqual(toReachReport(reachOf(regendered, project, asOf)))
          expect(yield* reach.report(project, asOf)).toEqual(toReachReport(second))

          // Attended days, which name no project themselves, move their project's version.
          const beforeDays = yield* versions()
          yield* sql`DELETE FROM attendance_days WHERE participation_id IN
            (SELECT id FROM participations WHERE project_id = ${project.id})`
          expect(yield* versions()).not.toEqual(beforeDays)
          const absent = {
            ...regendered,
            participations: regendered.participations.map((p) =>
              mapped.events.find((e) => e.id === p.eventId)?.projectId === project.id
                ? { ...p, attendedDays: [] }
                : p,
            ),
          }
          const third = yield* reach.reach(project, asOf)
          expect(third.direct.size).toBe(0)
          expect(toReachReport(third)).toEqual(toReachReport(reachOf(absent, project, asOf)))
          expect(yield* reach.report(project, asOf)).toEqual(toReachReport(third))
          return
        }
        expect.fail("no sample reached anyone")
      }).pipe(Effect.provide(layer())),
    120_000,
  )
})
