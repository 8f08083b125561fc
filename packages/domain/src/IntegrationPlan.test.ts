import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { Agreement, type AgreementId } from "./Agreement.js"
import type { BeneficiaryId } from "./Beneficiary.js"
import { isoDate } from "./CalendarDate.js"
import {
  acceptTask,
  completeTask,
  CoordinationTask,
  escalation,
  isOverdue,
  measureAfterTask,
  openTask,
  rejectTask,
  type TaskId,
} from "./CoordinationTask.js"
import type { InstitutionId } from "./Institution.js"
import { Measure, type MeasureId, measureStatusOn, NewMeasure, planChanges } from "./IntegrationPlan.js"
import { type ProcedureId, ordinance2017 } from "./ProcedureRuleSet.js"

const d = isoDate
const agreement = (state: Agreement["state"]) =>
  new Agreement({
    id: "agr_1" as AgreementId,
    beneficiaryId: "ben_1" as BeneficiaryId,
    procedureId: "ordinance-2017" as ProcedureId,
    state,
    statusDecisionDate: d("2019-03-01"),
    intentDate: d("2019-03-10"),
    intentLate: false,
    extensions: 0,
    version: 3,
  })
const measure = (area: string, institution: string, status: Measure["status"] = "planned") =>
  new Measure({
    id: `mea_${area}` as MeasureId,
    agreementId: "agr_1" as AgreementId,
    area,
    responsibleInstitutionId: institution as InstitutionId,
    dueDate: d("2019-06-28"),
    status,
    evidence: [],
  })
const wanted = (area: string, institution: string) =>
  new NewMeasure({ area, responsibleInstitutionId: institution as InstitutionId, dueDate: d("2019-07-31") })

describe("planChanges", () => {
  it("keeps measures with the same area and institution, adds new ones and removes the rest", () => {
    const changes = Either.getOrThrow(
      planChanges(
        agreement("active"),
        d("2019-05-01"),
        ordinance2017,
        [measure("housing", "ins_a", "in_progress"), measure("health", "ins_b")],
        [wanted("housing", "ins_a"), wanted("employment", "ins_c")],
      ),
    )
    expect(changes.kept.map((k) => k.existing.status)).toEqual(["in_progress"])
    expect(changes.added.map((m) => m.area)).toEqual(["employment"])
    expect(changes.removed.map((m) => m.area)).toEqual(["health"])
  })
  it("refuses an area the rule set does not list, and a plan on a closed agreement", () => {
    const bad = planChanges(
      agreement("matched"),
      d("2019-05-01"),
      ordinance2017,
      [],
      [wanted("astrology", "ins_a")],
    )
    expect(Either.getLeft(bad).pipe((o) => o._tag === "Some" && o.value._tag)).toBe("AreaNotInRuleSet")
    const closed = planChanges(agreement("closed"), d("2019-05-01"), ordinance2017, [], [])
    expect(Either.getLeft(closed).pipe((o) => o._tag === "Some" && o.value)).toMatchObject({
      _tag: "IllegalTransition",
      currentState: "closed",
    })
  })
})

describe("measure status on a day", () => {
  it("is done once done, missed past the due date, otherwise as recorded", () => {
    const m = measure("housing", "ins_a", "in_progress")
    expect(measureStatusOn(m, "2019-06-28")).toBe("in_progress")
    expect(measureStatusOn(m, "2019-06-29")).toBe("missed")
    const done = new Measure({ ...m, status: "done", doneOn: d("2019-06-10") })
    expect(measureStatusOn(done, "2019-07-30")).toBe("done")
    expect(measureStatusOn(done, "2019-06-09")).toBe("in_progress")
  })
})

describe("coordination tasks", () => {
  const m = measure("housing", "ins_a")
  const task = new CoordinationTask({
    ...openTask(m, d("2019-06-20"), ordinance2017),
    id: "tsk_1" as TaskId,
    version: 1,
  })

  it("opens for the measure's institution, due no sooner than the rule set's days, on a working day", () => {
    // 20 Jun + 14 days = Thu 4 Jul 2019, later than the measure's 28 Jun
    expect(task).toMatchObject({ institutionId: "ins_a", status: "open", dueDate: "2019-07-04" })
    const early = openTask(m, d("2019-03-01"), ordinance2017)
    expect(early.dueDate).toBe("2019-06-28")
  })
  it("goes open → accepted → done, and only an accepted task completes", () => {
    expect(
      Either.getLeft(completeTask(task, "housed", d("2019-06-21"))).pipe((o) => o._tag === "Some" && o.value),
    ).toMatchObject({
      _tag: "IllegalTransition",
      action: "complete",
      currentState: "open",
    })
    const accepted = Either.getOrThrow(acceptTask(task, d("2019-06-21")))
    expect(accepted).toMatchObject({ status: "accepted", acceptedOn: "2019-06-21", version: 2 })
    expect(Either.isLeft(acceptTask(accepted, d("2019-06-22")))).toBe(true)
    expect(Either.isLeft(rejectTask(accepted, "no", d("2019-06-22")))).toBe(true)
    const done = Either.getOrThrow(completeTask(accepted, "housed in Sofia", d("2019-06-25")))
    expect(done).toMatchObject({ status: "done", outcome: "housed in Sofia", doneOn: "2019-06-25" })
    expect(measureAfterTask(m, accepted).status).toBe("in_progress")
    expect(measureAfterTask(m, done)).toMatchObject({
      status: "done",
      evidence: ["housed in Sofia"],
      doneOn: "2019-06-25",
    })
    expect(Either.isLeft(completeTask(done, "again", d("2019-06-26")))).toBe(true)
  })
  it("goes open → rejected with a reason, which is final and escalates to the coordinator", () => {
    const rejected = Either.getOrThrow(rejectTask(task, "not our competence", d("2019-06-21")))
    expect(rejected).toMatchObject({ status: "rejected", reason: "not our competence" })
    expect(Either.isLeft(acceptTask(rejected, d("2019-06-22")))).toBe(true)
    expect(Either.isLeft(completeTask(rejected, "x", d("2019-06-22")))).toBe(true)
    expect(escalation(rejected, d("2019-06-22"))).toBe("coordinator")
  })
  it("is overdue after its due date until it is done, and escalates then", () => {
    expect(isOverdue(task, "2019-07-04")).toBe(false)
    expect(isOverdue(task, "2019-07-05")).toBe(true)
    expect(escalation(task, d("2019-07-05"))).toBe("coordinator")
    expect(escalation(task, d("2019-07-04"))).toBeUndefined()
    expect(isOverdue({ ...task, doneOn: "2019-07-10" }, "2019-07-08")).toBe(true)
    expect(isOverdue({ ...task, doneOn: "2019-07-10" }, "2019-07-11")).toBe(false)
    expect(isOverdue(task, "2019-06-19")).toBe(false)
  })
})
