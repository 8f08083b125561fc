import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import type { AgreementId } from "./Agreement.js"
import { isoDate } from "./CalendarDate.js"
import {
  acceptTask,
  CoordinationTask,
  completeTask,
  rejectTask,
  type TaskId,
  taskActions,
  taskViewOn,
} from "./CoordinationTask.js"
import type { InstitutionId } from "./Institution.js"
import type { MeasureId } from "./IntegrationPlan.js"

const d = isoDate
const open = new CoordinationTask({
  id: "tsk_1" as TaskId,
  agreementId: "agr_1" as AgreementId,
  measureId: "mea_1" as MeasureId,
  institutionId: "ins_labour" as InstitutionId,
  area: "employment",
  openedOn: d("2019-04-01"),
  dueDate: d("2019-05-31"),
  status: "open",
  version: 1,
})

describe("a task's answers", () => {
  it("offers exactly the answers its status takes", () => {
    const accepted = Either.getOrThrow(acceptTask(open, d("2019-04-02")))
    const rejected = Either.getOrThrow(rejectTask(open, "no", d("2019-04-02")))
    const done = Either.getOrThrow(completeTask(accepted, "registered", d("2019-04-03")))
    expect([open, accepted, rejected, done].map((t) => taskActions(t))).toEqual([
      ["accept", "reject"],
      ["complete"],
      [],
      [],
    ])
    // every offered answer succeeds, every other one is refused
    for (const t of [open, accepted, rejected, done]) {
      const tries = {
        accept: acceptTask(t, d("2019-04-05")),
        reject: rejectTask(t, "no", d("2019-04-05")),
        complete: completeTask(t, "ok", d("2019-04-05")),
      }
      for (const [action, result] of Object.entries(tries))
        expect(Either.isRight(result), `${t.status} ${action}`).toBe(
          taskActions(t).includes(action as "accept"),
        )
    }
  })

  it("offers no answer to a caller who may not answer", () => {
    expect(taskViewOn(open, d("2019-04-02")).allowedActions).toEqual(["accept", "reject"])
    expect(taskViewOn(open, d("2019-04-02"), false).allowedActions).toEqual([])
  })
})
