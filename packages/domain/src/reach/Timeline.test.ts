import { describe, expect, it } from "@effect/vitest"
import { isoDate } from "../CalendarDate.js"
import { seriesDates } from "./Timeline.js"

describe("series dates", () => {
  it("ends every month and on the last date", () => {
    expect(seriesDates(isoDate("2017-12-01"), isoDate("2018-03-15"), "month")).toEqual([
      "2017-12-31",
      "2018-01-31",
      "2018-02-28",
      "2018-03-15",
    ])
  })
  it("steps by weeks", () => {
    expect(seriesDates(isoDate("2018-01-01"), isoDate("2018-01-20"), "week")).toEqual([
      "2018-01-07",
      "2018-01-14",
      "2018-01-20",
    ])
  })
  it("is empty when the range is backwards", () => {
    expect(seriesDates(isoDate("2018-02-01"), isoDate("2018-01-01"), "month")).toEqual([])
  })
})
