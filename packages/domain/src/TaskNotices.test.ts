import { describe, expect, it } from "@effect/vitest"
import { isoDate } from "./CalendarDate.js"
import { taskNoticesOn, workingDaysBefore } from "./TaskNotices.js"

const d = isoDate
const task = { status: "open", openedOn: d("2026-04-01"), dueDate: d("2026-04-23") }

describe("task notices", () => {
  it("counts working days back over weekends and holidays", () => {
    // Thursday 23 Apr 2026: three working days back is Monday 20 Apr.
    expect(workingDaysBefore(d("2026-04-23"), 3)).toBe("2026-04-20")
    // Tuesday 14 Apr 2026 follows Orthodox Easter (Good Friday 10 Apr and Easter Monday 13 Apr are days off).
    expect(workingDaysBefore(d("2026-04-14"), 1)).toBe("2026-04-09")
    // A due date on a Saturday counts from the Friday before.
    expect(workingDaysBefore(d("2026-04-25"), 0)).toBe("2026-04-24")
  })
  it("reminds on the day N working days before the due date, and only then", () => {
    expect(taskNoticesOn(task, d("2026-04-20"), 3)).toEqual(["task_reminder"])
    expect(taskNoticesOn(task, d("2026-04-17"), 3)).toEqual([])
    expect(taskNoticesOn(task, d("2026-04-21"), 3)).toEqual([])
    expect(taskNoticesOn(task, d("2026-04-22"), 1)).toEqual(["task_reminder"])
  })
  it("tells of an overdue task once, on the day after its due date", () => {
    expect(taskNoticesOn(task, d("2026-04-23"), 3)).toEqual([])
    expect(taskNoticesOn(task, d("2026-04-24"), 3)).toEqual(["task_overdue"])
    expect(taskNoticesOn(task, d("2026-04-25"), 3)).toEqual([])
  })
  it("sends nothing for a task that asks nothing any more", () => {
    for (const status of ["done", "rejected", "cancelled"])
      expect(taskNoticesOn({ ...task, status }, d("2026-04-24"), 3)).toEqual([])
    expect(taskNoticesOn({ ...task, status: "accepted" }, d("2026-04-24"), 3)).toEqual(["task_overdue"])
  })
  it("does not remind of a task opened after its reminder day", () => {
    expect(taskNoticesOn({ ...task, openedOn: d("2026-04-21") }, d("2026-04-20"), 3)).toEqual([])
  })
})
