import { CalendarDecision, councilOfMinistersDecisions, type IsoDate } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { CalendarRepository } from "./CalendarRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const at = "2026-12-01T10:00:00.000Z"
const decision = (date: string, kind: "day_off" | "working_day" = "day_off") =>
  CalendarDecision.make({ date: date as IsoDate, kind, source: "Council of Ministers Decision No. 1 (test)" })

describe.each(testDatabases())("CalendarRepository on $name", (db) => {
  const layer = () => CalendarRepository.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("starts from the shipped, sourced decisions", () =>
    Effect.gen(function* () {
      const listed = yield* (yield* CalendarRepository).list()
      expect(listed.map((d) => [d.date, d.kind, d.source])).toEqual(
        councilOfMinistersDecisions.map((d) => [d.date, d.kind, d.source]),
      )
      expect(listed[0]).toMatchObject({ id: "cal_20160304", version: 1 })
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("adds, changes and removes a decision, one per day, with versions", () =>
    Effect.gen(function* () {
      const calendar = yield* CalendarRepository
      const created = yield* calendar.create("cal_x", decision("2030-05-02"), at)
      expect(created).toMatchObject({ id: "cal_x", date: "2030-05-02", kind: "day_off", version: 1 })
      const taken = yield* Effect.flip(calendar.create("cal_y", decision("2030-05-02", "working_day"), at))
      expect(taken).toMatchObject({ _tag: "CalendarDateTaken", existingId: "cal_x" })
      const changed = yield* calendar.update("cal_x", 1, decision("2030-05-03"), at)
      expect(changed).toMatchObject({ date: "2030-05-03", version: 2 })
      const stale = yield* Effect.flip(calendar.update("cal_x", 1, decision("2030-05-04"), at))
      expect(stale).toMatchObject({ _tag: "CalendarDecisionVersionStale", currentVersion: 2 })
      const clash = yield* Effect.flip(calendar.update("cal_x", 2, decision("2016-03-04"), at))
      expect(clash).toMatchObject({ _tag: "CalendarDateTaken", existingId: "cal_20160304" })
      expect((yield* calendar.remove("cal_x")).date).toBe("2030-05-03")
      expect((yield* Effect.flip(calendar.get("cal_x")))._tag).toBe("CalendarDecisionNotFound")
      expect((yield* Effect.flip(calendar.remove("cal_x")))._tag).toBe("CalendarDecisionNotFound")
    }).pipe(Effect.provide(layer())),
  )
})
