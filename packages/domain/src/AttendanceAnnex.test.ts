import { describe, expect, it } from "vitest"
import { attendanceAnnex, erasedInitials, initialsOf } from "./AttendanceAnnex.js"
import { isoDate } from "./CalendarDate.js"

describe("initialsOf", () => {
  it("takes the first letter of each name part, in Cyrillic and Latin, keeping hyphens", () => {
    expect(initialsOf("Мария", "Петрова")).toBe("М. П.")
    expect(initialsOf("мария", "петрова-иванова")).toBe("М. П.-И.")
    expect(initialsOf("Anna Maria", "  Müller ")).toBe("A. M. M.")
    expect(initialsOf("Ahmad", "")).toBe("A.")
    expect(initialsOf("Ölüm", "Şahin")).toBe("Ö. Ş.")
  })
})

describe("attendanceAnnex", () => {
  const period = { start: isoDate("2018-01-01"), end: isoDate("2018-06-30") }
  const event = (id: string, startDate: string) => ({
    id,
    title: `Семинар ${id}`,
    startDate: isoDate(startDate),
    endDate: isoDate(startDate),
  })
  const participation = (
    participationId: string,
    eventId: string,
    givenName: string,
    familyName: string,
    extra: { erased?: boolean; status?: string; days?: ReadonlyArray<string>; institution?: string } = {},
  ) => ({
    participationId,
    eventId,
    givenName,
    familyName,
    erased: extra.erased ?? false,
    institution: extra.institution ?? "Община Русе",
    role: "participant",
    status: extra.status ?? "attended",
    days: (extra.days ?? ["2018-03-01"]).map(isoDate),
  })

  const annex = attendanceAnnex(
    [event("evt_b", "2018-03-01"), event("evt_late", "2018-07-01"), event("evt_a", "2018-02-01")],
    [
      participation("par_3", "evt_b", "Петър", "Иванов", { days: ["2018-03-02", "2018-03-01"] }),
      participation("par_1", "evt_b", "Мария", "Петрова"),
      participation("par_2", "evt_b", "Иван", "Тодоров", { status: "cancelled" }),
      participation("par_4", "evt_b", "Erased", "Person", { erased: true, days: [] }),
      participation("par_5", "evt_late", "Ана", "Ангелова"),
    ],
    period,
  )

  it("lists the period's events in date order, each with its participants that were not cancelled", () => {
    expect(annex.map((e) => e.eventId)).toEqual(["evt_a", "evt_b"])
    expect(annex[0]!.participants).toEqual([])
    expect(annex[1]!.participants).toEqual([
      {
        line: 1,
        initials: erasedInitials,
        institution: "Община Русе",
        role: "participant",
        status: "attended",
        days: [],
      },
      {
        line: 2,
        initials: "М. П.",
        institution: "Община Русе",
        role: "participant",
        status: "attended",
        days: ["2018-03-01"],
      },
      {
        line: 3,
        initials: "П. И.",
        institution: "Община Русе",
        role: "participant",
        status: "attended",
        days: ["2018-03-01", "2018-03-02"],
      },
    ])
  })

  it("holds no name, not even an erased person's", () => {
    const text = JSON.stringify(annex)
    for (const name of ["Мария", "Петрова", "Петър", "Иванов", "Erased", "Person", "Тодоров"])
      expect(text).not.toContain(name)
  })
})
