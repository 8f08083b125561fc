import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import type { AgreementId, Terminated } from "./Agreement.js"
import { isoDate } from "./CalendarDate.js"
import {
  acceptTask,
  CoordinationTask,
  completeTask,
  isOverdue,
  type TaskId,
  taskViewOn,
} from "./CoordinationTask.js"
import type { InstitutionId } from "./Institution.js"
import { Measure, type MeasureId, measureStatusOn } from "./IntegrationPlan.js"
import { afterTermination, terminationGroundOf } from "./Termination.js"

const d = isoDate
const agreementId = "agr_1" as AgreementId
const measure = (id: string, extra: Partial<Measure> = {}) =>
  new Measure({
    id: id as MeasureId,
    agreementId,
    area: "employment",
    responsibleInstitutionId: "ins_labour" as InstitutionId,
    dueDate: d("2019-09-30"),
    status: "planned",
    evidence: [],
    ...extra,
  })
const task = (id: string, measureId: string) =>
  new CoordinationTask({
    id: id as TaskId,
    agreementId,
    measureId: measureId as MeasureId,
    institutionId: "ins_labour" as InstitutionId,
    area: "employment",
    openedOn: d("2019-04-01"),
    dueDate: d("2019-05-31"),
    status: "open",
    version: 1,
  })
const terminated: typeof Terminated.Type = {
  type: "terminated",
  at: "2019-06-10T08:00:00Z",
  by: "usr_1",
  data: { ground: "moved_abroad", date: d("2019-06-10"), initiator: "municipality" },
}

describe("terminating an agreement", () => {
  const open = task("tsk_open", "mea_planned")
  const accepted = Either.getOrThrow(acceptTask(task("tsk_acc", "mea_running"), d("2019-04-02")))
  const done = Either.getOrThrow(completeTask(accepted, "registered", d("2019-05-01")))
  const outcome = afterTermination(
    terminated,
    [
      measure("mea_planned"),
      measure("mea_running", { status: "in_progress" }),
      measure("mea_done", { status: "done", doneOn: d("2019-05-01"), evidence: ["registered"] }),
    ],
    [open, accepted, new CoordinationTask({ ...done, id: "tsk_done" as TaskId })],
  )

  it("cancels every measure not done, with the termination as the reason, and keeps done work", () => {
    expect(outcome.measures.map((m) => [m.id, measureStatusOn(m, "2019-06-10"), m.cancelledOn])).toEqual([
      ["mea_planned", "cancelled", "2019-06-10"],
      ["mea_running", "cancelled", "2019-06-10"],
    ])
    expect(outcome.measures.map((m) => terminationGroundOf(m.cancelReason))).toEqual([
      "moved_abroad",
      "moved_abroad",
    ])
  })

  it("cancels the open and accepted tasks, so no inbox offers them an answer", () => {
    expect(outcome.tasks.map((t) => [t.id, t.status, t.version])).toEqual([
      ["tsk_open", "cancelled", 2],
      ["tsk_acc", "cancelled", 3],
    ])
    for (const t of outcome.tasks) {
      expect(taskViewOn(t, d("2019-07-01")).allowedActions).toEqual([])
      expect(terminationGroundOf(t.reason)).toBe("moved_abroad")
    }
  })

  it("makes a cancelled task neither overdue nor escalated, and dates the cancellation", () => {
    const [cancelled] = outcome.tasks
    expect(isOverdue(open, "2019-07-01")).toBe(true)
    expect(isOverdue(cancelled!, "2019-07-01")).toBe(false)
    expect(taskViewOn(cancelled!, d("2019-07-01")).escalateTo).toBeUndefined()
    const [m] = outcome.measures
    expect(measureStatusOn(m!, "2019-06-09")).toBe("planned")
    expect(measureStatusOn(m!, "2019-06-10")).toBe("cancelled")
  })

  it("changes nothing a second time", () => {
    const again = afterTermination(terminated, outcome.measures, outcome.tasks)
    expect(again).toEqual({ measures: [], tasks: [] })
  })
})
