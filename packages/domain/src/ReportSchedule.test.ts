import { describe, expect, it } from "vitest"
import { isoDate } from "./CalendarDate.js"
import { ReportSchedule, scheduledPeriod, scheduleProblems } from "./ReportSchedule.js"

const project = { startDate: isoDate("2017-12-01"), durationMonths: 16, extensions: [] }

describe("report schedules", () => {
  it("names the period before the firing, cut to the project period", () => {
    expect(scheduledPeriod(project, "interim", "previous_quarter", isoDate("2018-07-01"))).toEqual({
      start: "2018-04-01",
      end: "2018-06-30",
    })
    expect(scheduledPeriod(project, "interim", "previous_quarter", isoDate("2018-01-05"))).toEqual({
      start: "2017-12-01",
      end: "2017-12-31",
    })
    expect(scheduledPeriod(project, "interim", "previous_half_year", isoDate("2018-07-01"))).toEqual({
      start: "2018-01-01",
      end: "2018-06-30",
    })
    expect(scheduledPeriod(project, "interim", "previous_months:2", isoDate("2019-03-10"))).toEqual({
      start: "2019-01-01",
      end: "2019-02-28",
    })
    // A firing after the project ended reports on what is left of it, then nothing.
    expect(scheduledPeriod(project, "interim", "previous_quarter", isoDate("2019-04-01"))).toEqual({
      start: "2019-01-01",
      end: "2019-03-31",
    })
    expect(scheduledPeriod(project, "interim", "previous_quarter", isoDate("2019-10-01"))).toBeUndefined()
    expect(scheduledPeriod(project, "interim", "previous_months:1", isoDate("2017-12-01"))).toBeUndefined()
  })

  it("queues the final report once the project has ended, for the whole project", () => {
    expect(scheduledPeriod(project, "final", "previous_quarter", isoDate("2019-03-31"))).toBeUndefined()
    expect(scheduledPeriod(project, "final", "previous_quarter", isoDate("2019-04-01"))).toEqual({
      start: "2017-12-01",
      end: "2019-03-31",
    })
  })

  it("names a bad cron expression or an unknown zone by its path", () => {
    const s = (cron: string, timeZone?: string) =>
      new ReportSchedule({
        kind: "interim",
        cron,
        period: "previous_quarter",
        ...(timeZone ? { timeZone } : {}),
      })
    expect(scheduleProblems([s("0 6 1 1,4,7,10 *"), s("0 6 1 * *", "UTC")])).toEqual([])
    expect(scheduleProblems([s("0 6 1 * *"), s("0 25 * * *")]).map((p) => p.path)).toEqual([
      "schedules.1.cron",
    ])
    expect(scheduleProblems([s("0 6 1 * *", "Mars/Olympus")]).map((p) => p.path)).toEqual([
      "schedules.0.timeZone",
    ])
  })
})
