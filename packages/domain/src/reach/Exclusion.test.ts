import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { type IsoDate, isoDate } from "../CalendarDate.js"
import { effectiveTargetGroup, type InstitutionFacts } from "../Institution.js"
import type { ParticipationRole } from "../Participation.js"
import { reachExclusion } from "./Exclusion.js"
import { qualifyingDate } from "./Qualification.js"

const municipality: InstitutionFacts = { id: "m1", kind: "municipality", level: "local", country: "BG" }
const foreign: InstitutionFacts = { ...municipality, id: "m2", country: "RO" }
const threeDays = { startDate: isoDate("2026-03-02"), endDate: isoDate("2026-03-04") }
const day1 = isoDate("2026-03-02")

const judge = (
  over: Partial<Parameters<typeof reachExclusion>[0]> = {},
  rules: Partial<Parameters<typeof reachExclusion>[1]> = {},
) =>
  reachExclusion(
    { role: "participant", institution: municipality, days: [day1], ...over },
    { event: threeDays, ...rules },
  )

describe("reachExclusion", () => {
  it("counts a participant of the target group who attended", () => {
    expect(judge()).toBeUndefined()
  })
  it("names the reason a row will not count", () => {
    expect(judge({ role: "speaker" })).toBe("role")
    expect(judge({ role: "organiser" })).toBe("role")
    expect(judge({ institution: foreign })).toBe("outside_target_group")
    expect(judge({ institution: undefined })).toBe("outside_target_group")
    expect(judge({ days: [] })).toBe("not_attended")
    expect(judge({}, { minimumAttendanceShare: 0.5 })).toBe("too_few_days")
    expect(judge({ days: [day1, isoDate("2026-03-03")] }, { minimumAttendanceShare: 0.5 })).toBeUndefined()
    expect(judge({}, { event: { ...threeDays, cancelled: true } })).toBe("event_cancelled")
  })
  it("gives the first reason when there are several", () => {
    expect(judge({ role: "trainer", institution: foreign, days: [] })).toBe("role")
    expect(judge({ institution: foreign, days: [] })).toBe("outside_target_group")
  })
  it("excludes exactly the participations that never qualify", () => {
    const days = fc
      .uniqueArray(fc.integer({ min: 2, max: 4 }), { maxLength: 3 })
      .map((ns) => ns.map((n): IsoDate => isoDate(`2026-03-0${n}`)))
    fc.assert(
      fc.property(
        fc.constantFrom<ParticipationRole>("participant", "speaker", "trainer", "organiser"),
        fc.constantFrom(municipality, foreign, undefined),
        days,
        fc.option(fc.constantFrom(0.3, 0.5, 0.67, 1), { nil: undefined }),
        (role, institution, attended, share) => {
          const excluded = reachExclusion(
            { role, institution, days: attended },
            { event: threeDays, minimumAttendanceShare: share },
          )
          const qualifies = qualifyingDate(
            {
              personId: "p",
              eventId: "e",
              eventKind: "training_seminar",
              eventStartDate: threeDays.startDate,
              eventEndDate: threeDays.endDate,
              role,
              institution,
              attendedDays: attended,
            },
            effectiveTargetGroup(undefined),
            share,
          )
          expect(excluded === undefined).toBe(qualifies !== undefined)
        },
      ),
    )
  })
})
