import { CalendarDecision, type IsoDate, nextWorkingDay } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as App from "./AppLayer.js"
import { Calendar, currentCalendar } from "./Calendar.js"

const decision = (date: string, kind: "day_off" | "working_day" = "day_off") =>
  CalendarDecision.make({ date: date as IsoDate, kind, source: "Council of Ministers Decision No. 1 (test)" })

describe.each(testDatabases())("the Calendar service on $name", (db) => {
  const layer = () =>
    Layer.unwrapEffect(
      Effect.promise(() => db.freshUrl()).pipe(
        Effect.map((databaseUrl) => App.layer({ databaseUrl, timeZone: "Europe/Sofia" })),
      ),
    )

  it.effect.skipIf(!db.available)(
    "keeps decisions with an audit entry for each change, and counts deadlines on them",
    () =>
      Effect.gen(function* () {
        const calendar = yield* Calendar
        const day = "2030-05-02" as IsoDate
        expect(nextWorkingDay(day, yield* currentCalendar)).toBe(day)
        const created = yield* calendar.create("usr_admin", decision(day))
        expect(nextWorkingDay(day, yield* currentCalendar)).toBe("2030-05-03")
        const changed = yield* calendar.update("usr_admin", created.id, 1, decision(day, "working_day"))
        expect(changed.version).toBe(2)
        expect(nextWorkingDay(day, yield* currentCalendar)).toBe(day)
        yield* calendar.remove("usr_admin", created.id)
        expect((yield* calendar.list).some((d) => d.id === created.id)).toBe(false)
        const entries = yield* (yield* AuditLog).list({ entity: `calendar_decision:${created.id}` }, {})
        expect(entries.items.map((e) => e.action).sort()).toEqual(["create", "delete", "update"])
        // A refused change writes no audit entry and changes nothing.
        const refused = yield* Effect.flip(calendar.create("usr_admin", decision("2016-03-04")))
        expect(refused._tag).toBe("CalendarDateTaken")
        const after = yield* (yield* AuditLog).list({ entity: "calendar_decision:cal_20160304" }, {})
        expect(after.items).toEqual([])
      }).pipe(Effect.provide(layer())),
  )
})
