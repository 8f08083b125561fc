import { daySpan, IsoDate } from "@coordina/domain"
import { PeriodLocksRepository, ReportsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { PeriodLocks, periodGuard } from "./PeriodLocks.js"
import { callers, testApp, twoProjects } from "./testing/index.js"
import { transaction } from "./Transaction.js"

describe.each(testDatabases())("PeriodLocks on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "refuses a write in a locked period, makes one in an unlocked period a revision, and lets only a lock in force be unlocked",
    () =>
      Effect.gen(function* () {
        const { mine, other: theirs } = yield* twoProjects
        const guard = yield* periodGuard
        const service = yield* PeriodLocks
        const repo = yield* PeriodLocksRepository
        const report = yield* (yield* ReportsRepository).enqueue({
          id: "rpt_1",
          projectId: mine,
          kind: "interim",
          periodStart: IsoDate.make("2018-01-01"),
          periodEnd: IsoDate.make("2018-06-30"),
          language: "bg",
          version: 1,
          requestedBy: "usr_admin",
          requestedAt: "2026-06-15T09:00:00.000Z",
        })
        expect(report._tag).toBe("Some")
        yield* repo.create({
          id: "lck_1",
          projectId: mine,
          reportId: "rpt_1",
          periodStart: IsoDate.make("2018-01-01"),
          periodEnd: IsoDate.make("2018-06-30"),
          lockedAt: "2026-06-15T09:00:00.000Z",
          lockedBy: "usr_admin",
        })
        const write = (day: string, dryRun = false) =>
          transaction(
            guard({
              projectId: mine,
              span: daySpan(IsoDate.make(day)),
              actor: "usr_coordinator",
              entity: "dissemination:dis_1",
              change: `recorded dissemination dis_1 on ${day}`,
              dryRun,
            }),
          )

        yield* write("2018-07-01")
        const refused = yield* Effect.flip(write("2018-06-30"))
        expect(refused).toMatchObject({ _tag: "PeriodLocked", lockId: "lck_1", projectId: mine })
        // Another project's records are not under this project's lock.
        yield* transaction(
          guard({
            projectId: theirs,
            span: daySpan(IsoDate.make("2018-03-01")),
            actor: "usr_coordinator",
            entity: "dissemination:dis_2",
            change: "x",
          }),
        )

        expect((yield* Effect.flip(service.list(callers.coordinatorOf(theirs), mine)))._tag).toBe(
          "ProjectNotFound",
        )
        const unlocked = yield* service.unlock(callers.admin, mine, "lck_1", "A missed sign-in")
        expect(unlocked).toMatchObject({
          status: "unlocked",
          unlockedBy: "usr_admin",
          reason: "A missed sign-in",
        })
        expect((yield* Effect.flip(service.unlock(callers.admin, mine, "lck_1", "again")))._tag).toBe(
          "LockNotInForce",
        )
        expect((yield* Effect.flip(service.unlock(callers.admin, mine, "lck_none", "x")))._tag).toBe(
          "LockNotFound",
        )

        yield* write("2018-03-01", true)
        expect(yield* service.revisions(callers.admin, mine)).toEqual([])
        yield* write("2018-03-01")
        yield* write("2018-07-02")
        expect(yield* service.revisions(callers.admin, mine)).toEqual([
          expect.objectContaining({
            projectId: mine,
            lockId: "lck_1",
            actor: "usr_coordinator",
            entity: "dissemination:dis_1",
            change: "recorded dissemination dis_1 on 2018-03-01",
            unlockedBy: "usr_admin",
            reason: "A missed sign-in",
          }),
        ])
        expect(yield* service.list(callers.auditor, mine)).toEqual([
          expect.objectContaining({ id: "lck_1", status: "unlocked" }),
        ])
      }).pipe(Effect.provide(testApp(db))),
  )
})
