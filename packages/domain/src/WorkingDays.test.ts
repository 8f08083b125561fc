import { describe, expect, it } from "@effect/vitest"
import { isoDate } from "./CalendarDate.js"
import { addDays, dayOfWeek, type IsoDate, makeDate } from "./CalendarDate.js"
import {
  councilOfMinistersDecisions,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  orthodoxEaster,
  timeLimitEnd,
  workingCalendar,
} from "./WorkingDays.js"

const d = isoDate

describe("Orthodox Easter", () => {
  it.each([
    [2016, "2016-05-01"],
    [2017, "2017-04-16"],
    [2018, "2018-04-08"],
    [2019, "2019-04-28"],
    [2020, "2020-04-19"],
    [2021, "2021-05-02"],
    [2022, "2022-04-24"],
    [2023, "2023-04-16"],
    [2024, "2024-05-05"],
    [2025, "2025-04-20"],
  ])("falls in %i on %s", (year, date) => {
    expect(orthodoxEaster(year)).toBe(date)
  })

  it("gives Good Friday to Easter Monday off, and no more (2019: 26-29 April)", () => {
    expect(
      ["2019-04-26", "2019-04-27", "2019-04-28", "2019-04-29"].map((s) => nonWorkingReason(d(s))),
    ).toEqual(["easter", "easter", "easter", "easter"])
    expect(isWorkingDay(d("2019-04-25"))).toBe(true)
    expect(isWorkingDay(d("2019-04-30"))).toBe(true)
  })
})

describe("official holidays and days off in lieu", () => {
  it("keeps every fixed-date holiday", () => {
    for (const s of ["2019-01-01", "2019-03-04", "2019-05-01", "2019-05-06", "2019-05-24", "2019-09-06"])
      expect(isWorkingDay(d(s)), s).toBe(false)
    expect(nonWorkingReason(d("2019-09-23"))).toBe("day_off") // 22 Sep 2019 was a Sunday
  })

  it("gives Monday 7 May 2018 off for Sunday 6 May", () => {
    expect(nonWorkingReason(d("2018-05-06"))).toBe("holiday")
    expect(nonWorkingReason(d("2018-05-07"))).toBe("day_off")
    expect(isWorkingDay(d("2018-05-08"))).toBe(true)
  })

  it("gives 27 and 28 Dec 2022 off for 24 and 25 Dec on the weekend, 26 Dec being a holiday", () => {
    expect(nonWorkingReason(d("2022-12-26"))).toBe("holiday")
    expect(nonWorkingReason(d("2022-12-27"))).toBe("day_off")
    expect(nonWorkingReason(d("2022-12-28"))).toBe("day_off")
    expect(isWorkingDay(d("2022-12-29"))).toBe(true)
  })

  it("skips Easter Monday when a holiday on Holy Saturday takes its day off (1 May 2021 → 4 May)", () => {
    expect(nonWorkingReason(d("2021-05-03"))).toBe("easter")
    expect(nonWorkingReason(d("2021-05-04"))).toBe("day_off")
  })

  it("treats 1 November (schools only) and ordinary weekdays as working days", () => {
    expect(isWorkingDay(d("2019-11-01"))).toBe(true)
    expect(nonWorkingReason(d("2019-03-16"))).toBe("weekend")
  })
})

describe("timeLimitEnd", () => {
  it("counts calendar days and keeps a limit that ends on a working day", () => {
    expect(timeLimitEnd(d("2019-03-01"), 14)).toBe("2019-03-15")
  })
  it("moves a limit ending on Good Friday past Easter to Tuesday 30 April 2019", () => {
    expect(timeLimitEnd(d("2019-04-12"), 14)).toBe("2019-04-30")
  })
  it("moves a limit ending on a Sunday holiday past the day off in lieu (6 May 2018 → 8 May)", () => {
    expect(timeLimitEnd(d("2018-04-22"), 14)).toBe("2018-05-08")
  })
  it("moves a limit ending on 24 Dec 2022 to 29 Dec", () => {
    expect(timeLimitEnd(d("2022-12-10"), 14)).toBe("2022-12-29")
  })
  it("moves a limit ending on a Saturday to Monday", () => {
    expect(timeLimitEnd(d("2019-03-02"), 14)).toBe("2019-03-18")
  })
})

describe("art. 154(2) from 1 January 2017 only (State Gazette 105/2016)", () => {
  it("gives no day off for a holiday on a weekend before 2017", () => {
    // 24-25 Dec 2016 fell on Saturday and Sunday: 27 and 28 Dec 2016 were working days.
    expect(isWorkingDay(d("2016-12-27"))).toBe(true)
    expect(isWorkingDay(d("2016-12-28"))).toBe(true)
    // 1 May 2016 was Easter Sunday: 3 May 2016 was a working day.
    expect(isWorkingDay(d("2016-05-03"))).toBe(true)
    // A 14-day limit from 13 Dec 2016 ends on Tuesday 27 Dec, inside ordinance-2016's period.
    expect(timeLimitEnd(d("2016-12-13"), 14)).toBe("2016-12-27")
  })
  it("gives Monday 2 January 2017 off for Sunday 1 January, the first day it applies to", () => {
    expect(nonWorkingReason(d("2017-01-02"))).toBe("day_off")
  })
})

describe("Council of Ministers decisions are data", () => {
  it("ships Decision No. 935 of 2015 for 2016 and the euro changeover days, each with its source", () => {
    expect(councilOfMinistersDecisions.map((c) => `${c.date} ${c.kind}`)).toEqual([
      "2016-03-04 day_off",
      "2016-03-12 working_day",
      "2016-05-14 working_day",
      "2016-05-23 day_off",
      "2016-09-05 day_off",
      "2016-09-10 working_day",
      "2016-09-17 working_day",
      "2016-09-23 day_off",
      "2025-12-31 day_off",
      "2026-01-02 day_off",
    ])
    for (const c of councilOfMinistersDecisions) expect(c.source).toMatch(/Council of Ministers/)
    expect(nonWorkingReason(d("2016-03-04"))).toBe("decision")
    expect(isWorkingDay(d("2016-03-12"))).toBe(true) // a Saturday worked
  })
  it("counts time limits on the calendar it is given, not on the shipped one", () => {
    const none = workingCalendar([])
    expect(timeLimitEnd(d("2025-12-17"), 14)).toBe("2026-01-05") // 31 Dec, 1-4 Jan off
    expect(timeLimitEnd(d("2025-12-17"), 14, none)).toBe("2025-12-31")
    const bridge = workingCalendar([
      { date: d("2030-05-02"), kind: "day_off" },
      { date: d("2030-05-11"), kind: "working_day" },
    ])
    expect(nextWorkingDay(d("2030-05-02"), bridge)).toBe("2030-05-03")
    expect(nextWorkingDay(d("2030-05-02"))).toBe("2030-05-02")
    expect(isWorkingDay(d("2030-05-11"), bridge)).toBe(true)
    expect(isWorkingDay(d("2030-05-11"))).toBe(false)
  })
})

/**
 * The published calendars 2016–2026: for each year, the weekdays that are not working days and
 * the weekend days that are. Sources: 2016, Council of Ministers Decision No. 935 of 30 Nov 2015
 * (State Gazette 94/2015) and the holidays of art. 154(1); 2017–2026, the holidays of art.
 * 154(1) with art. 154(2)'s days off, as the yearly calendars published by the press and the
 * labour-law press list them (for example: 27 Dec 2017 off, 3–5 Mar, 6–9 Apr, 5–7 May and 22–24
 * Sep 2018 off, 4 May 2021 off for 1 May), and the one-off 31 Dec 2025 and 2 Jan 2026 of the
 * euro changeover (decision of 19 Nov 2025). Where a year's list is not quoted from a source it
 * rests on public knowledge of that year's calendar.
 */
const published: Record<number, { readonly off: string; readonly worked: string }> = {
  2016: {
    off: "01-01 03-03 03-04 04-29 05-02 05-06 05-23 05-24 09-05 09-06 09-22 09-23 12-26",
    worked: "03-12 05-14 09-10 09-17",
  },
  2017: { off: "01-02 03-03 04-14 04-17 05-01 05-08 05-24 09-06 09-22 12-25 12-26 12-27", worked: "" },
  2018: { off: "01-01 03-05 04-06 04-09 05-01 05-07 05-24 09-06 09-24 12-24 12-25 12-26", worked: "" },
  2019: { off: "01-01 03-04 04-26 04-29 05-01 05-06 05-24 09-06 09-23 12-24 12-25 12-26", worked: "" },
  2020: { off: "01-01 03-03 04-17 04-20 05-01 05-06 05-25 09-07 09-22 12-24 12-25 12-28", worked: "" },
  2021: { off: "01-01 03-03 04-30 05-03 05-04 05-06 05-24 09-06 09-22 12-24 12-27 12-28", worked: "" },
  2022: { off: "01-03 03-03 04-22 04-25 05-02 05-06 05-24 09-06 09-22 12-26 12-27 12-28", worked: "" },
  2023: { off: "01-02 03-03 04-14 04-17 05-01 05-08 05-24 09-06 09-22 12-25 12-26 12-27", worked: "" },
  2024: { off: "01-01 03-04 05-01 05-03 05-06 05-24 09-06 09-23 12-24 12-25 12-26", worked: "" },
  2025: { off: "01-01 03-03 04-18 04-21 05-01 05-06 05-26 09-08 09-22 12-24 12-25 12-26 12-31", worked: "" },
  2026: { off: "01-01 01-02 03-03 04-10 04-13 05-01 05-06 05-25 09-07 09-22 12-24 12-25 12-28", worked: "" },
}

describe("the published calendars 2016–2026", () => {
  it.each(Object.keys(published).map(Number))("matches %i day by day", (year) => {
    const off: Array<string> = []
    const worked: Array<string> = []
    for (let day: IsoDate = makeDate(year, 1, 1); day <= makeDate(year, 12, 31); day = addDays(day, 1)) {
      const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6
      const working = isWorkingDay(day)
      if (!weekend && !working) off.push(day.slice(5))
      if (weekend && working) worked.push(day.slice(5))
    }
    expect(off.join(" ")).toBe(published[year]!.off)
    expect(worked.join(" ")).toBe(published[year]!.worked)
  })
})
