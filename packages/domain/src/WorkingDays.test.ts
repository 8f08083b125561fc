import { describe, expect, it } from "@effect/vitest"
import { isoDate } from "./CalendarDate.js"
import { isWorkingDay, nonWorkingReason, orthodoxEaster, timeLimitEnd } from "./WorkingDays.js"

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

  it("skips Easter Monday when a holiday on Easter Sunday takes its day off (1 May 2016 → 3 May)", () => {
    expect(nonWorkingReason(d("2016-05-02"))).toBe("easter")
    expect(nonWorkingReason(d("2016-05-03"))).toBe("day_off")
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
