import {
  acceptTask,
  completeTask,
  isoDate,
  NewMeasure,
  PlanRequest,
  rejectTask,
  type InstitutionId,
} from "@coordina/domain"
import { AuditLog, IntegrationPlansRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Plans } from "./Plans.js"
import { Tasks } from "./Tasks.js"
import { appOn, callers, institutions, matchedIn } from "./testing/AgreementsWorld.js"

const d = isoDate
const measure = (area: string, institution: string, dueDate = "2019-05-31") =>
  new NewMeasure({ area, responsibleInstitutionId: institution as InstitutionId, dueDate: d(dueDate) })

const withPlan = Effect.gen(function* () {
  yield* institutions(["ins_town", "ins_other"], ["ins_labour"])
  const { agreement } = yield* matchedIn("ins_town")
  const plan = yield* (yield* Plans).set(
    callers.admin,
    agreement.id,
    0,
    new PlanRequest({
      date: d("2019-04-01"),
      measures: [measure("housing", "ins_town", "2019-06-28"), measure("employment", "ins_labour")],
    }),
  )
  return { agreement, plan }
})

describe.each(testDatabases())("Plans and Tasks on $name", (db) => {
  it.effect.skipIf(!db.available)("sets a plan with ids from the Ids service, and refuses a stale one", () =>
    Effect.gen(function* () {
      const { agreement, plan } = yield* withPlan
      expect(plan.version).toBe(1)
      expect(plan.measures.map((m) => m.id)).toEqual(["mea_000004", "mea_000006"])
      expect(plan.tasks.map((t) => [t.id, t.institutionId, t.status])).toEqual([
        ["tsk_000005", "ins_town", "open"],
        ["tsk_000007", "ins_labour", "open"],
      ])
      const stale = yield* Effect.flip(
        (yield* Plans).set(callers.admin, agreement.id, 0, new PlanRequest({ measures: [] })),
      )
      expect(stale._tag).toBe("AgreementVersionStale")
      expect((yield* (yield* Plans).get(callers.admin, agreement.id)).measures).toHaveLength(2)
      const audit = yield* (yield* AuditLog).list({ entity: `plan:${agreement.id}` }, {})
      expect(audit.items.map((e) => e.action)).toEqual(["update"])
      const unknown = yield* Effect.flip(
        (yield* Plans).set(
          callers.admin,
          agreement.id,
          1,
          new PlanRequest({ measures: [measure("housing", "ins_none")] }),
        ),
      )
      expect(unknown._tag).toBe("InstitutionNotFound")
    }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)("offers each caller the answers it may give, and nothing to a reader", () =>
    Effect.gen(function* () {
      const { agreement } = yield* withPlan
      const tasks = yield* Tasks
      const labour = callers.institutionUser("ins_labour")
      const inbox = yield* tasks.list(labour, { asOf: d("2019-04-02") })
      expect(inbox.items.map((t) => [t.institutionId, t.allowedActions])).toEqual([
        ["ins_labour", ["accept", "reject"]],
      ])
      // The count is of what this caller may see, on every page.
      expect(inbox.total).toBe(1)
      expect((yield* tasks.list(labour, { asOf: d("2019-04-02"), limit: 1, cursor: "tsk_" })).total).toBe(1)
      const labourTask = inbox.items[0]!.id
      const readOnly = yield* tasks.get(callers.auditor, labourTask)
      expect(readOnly.allowedActions).toEqual([])
      const viaPlan = yield* (yield* Plans).get(callers.caseWorker("ins_town"), agreement.id)
      expect(viaPlan.tasks.map((t) => t.allowedActions)).toEqual([
        ["accept", "reject"],
        ["accept", "reject"],
      ])
      expect((yield* Effect.flip(tasks.get(callers.institutionUser("ins_other"), labourTask)))._tag).toBe(
        "TaskNotFound",
      )
      expect((yield* Effect.flip(tasks.get(callers.caseWorker("ins_other"), labourTask)))._tag).toBe(
        "TaskNotFound",
      )
    }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "checks the version in the use case and moves the measure with its task",
    () =>
      Effect.gen(function* () {
        const { plan } = yield* withPlan
        const tasks = yield* Tasks
        const labour = callers.institutionUser("ins_labour")
        const task = plan.tasks[1]!
        const stale = yield* Effect.flip(tasks.act(labour, task.id, 7, d("2019-04-02"), acceptTask))
        expect(stale).toMatchObject({ _tag: "TaskVersionStale", expectedVersion: 7, currentVersion: 1 })
        const early = yield* Effect.flip(
          tasks.act(labour, task.id, undefined, undefined, (t, on) => completeTask(t, "done", on)),
        )
        expect(early).toMatchObject({ _tag: "IllegalTransition", currentState: "open" })
        const accepted = yield* tasks.act(labour, task.id, 1, d("2019-04-02"), acceptTask)
        expect(accepted).toMatchObject({ status: "accepted", version: 2, allowedActions: ["complete"] })
        const plans = yield* IntegrationPlansRepository
        expect((yield* plans.measure(task.measureId))?.status).toBe("in_progress")
        const done = yield* tasks.act(labour, task.id, 2, d("2019-04-10"), (t, on) =>
          completeTask(t, "registered", on),
        )
        expect(done).toMatchObject({ status: "done", allowedActions: [] })
        expect((yield* plans.measure(task.measureId))?.evidence).toEqual(["registered"])
        const foreign = yield* Effect.flip(
          tasks.act(callers.institutionUser("ins_other"), plan.tasks[0]!.id, undefined, undefined, (t, on) =>
            rejectTask(t, "no", on),
          ),
        )
        expect(foreign._tag).toBe("TaskNotFound")
        const audit = yield* (yield* AuditLog).list({ entity: `task:${task.id}` }, {})
        expect(audit.items.map((e) => [e.action, e.actor])).toEqual([
          ["update", "usr_iu_ins_labour"],
          ["update", "usr_iu_ins_labour"],
        ])
      }).pipe(Effect.provide(appOn(db))),
  )
})
