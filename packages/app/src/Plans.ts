/**
 * The individual integration plan as a use case: reading it with its tasks, and setting it
 * (If-Match on the plan's version), which opens a coordination task for each new measure.
 * @module
 */
import {
  type Agreement,
  type AgreementId,
  canAnswerTask,
  governingRuleSet,
  InstitutionNotFound,
  type IntegrationPlanView,
  type IsoDate,
  type PlanRequest,
  type Principal,
  planChanges,
  taskViewOn,
} from "@coordina/domain"
import {
  AgreementsRepository,
  AuditLog,
  CoordinationTasksRepository,
  IntegrationPlansRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { visibleAgreement } from "./AgreementScope.js"
import { Calendar } from "./Calendar.js"
import { Ids } from "./Ids.js"
import { Notifications } from "./Notifications.js"
import { Outbox, taskEventData } from "./Outbox.js"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"

const make = Effect.gen(function* () {
  const agreements = yield* AgreementsRepository
  const plans = yield* IntegrationPlansRepository
  const tasks = yield* CoordinationTasksRepository
  const audit = yield* AuditLog
  const clock = yield* Today
  const ids = yield* Ids
  const calendar = yield* Calendar
  const outbox = yield* Outbox
  const notifications = yield* Notifications

  /** The plan on `asOf`, each task with the answers this caller may give. */
  const planOf = (principal: Principal, a: Agreement, asOf: IsoDate) =>
    Effect.gen(function* () {
      const opened = yield* tasks.forAgreement(a.id)
      return {
        agreementId: a.id as AgreementId,
        version: yield* agreements.planVersion(a.id),
        measures: yield* plans.measures(a.id),
        tasks: opened.map((t) =>
          taskViewOn(
            t,
            asOf,
            canAnswerTask(principal, { institutionId: t.institutionId, municipalityId: a.municipalityId }),
          ),
        ),
      } satisfies IntegrationPlanView
    })

  /** The plan of an agreement the caller may see, on `asOf` (default today). */
  const get = Effect.fn("Plans.get")(function* (principal: Principal, agreementId: string, asOf?: IsoDate) {
    const a = yield* visibleAgreement(principal, agreementId)
    return yield* planOf(principal, a, asOf ?? (yield* clock.date))
  })

  /**
   * Replaces the measures: one with the same area and institution keeps its progress, each new
   * one opens a task dated `input.date` (default today). A newer plan than `expectedVersion` is
   * 409; an unknown responsible institution 404.
   */
  const set = Effect.fn("Plans.set")(function* (
    principal: Principal,
    agreementId: string,
    expectedVersion: number,
    input: PlanRequest,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const a = yield* visibleAgreement(principal, agreementId)
        const ruleSet = governingRuleSet(a)
        const date = input.date ?? (yield* clock.date)
        const before = yield* planOf(principal, a, date)
        const changes = yield* planChanges(a, date, ruleSet, before.measures, input.measures)
        const missing = yield* plans.missingInstitutions(
          input.measures.map((m) => m.responsibleInstitutionId),
        )
        if (missing[0]) return yield* new InstitutionNotFound({ institutionId: missing[0] })
        yield* agreements.bumpPlanVersion(agreementId, expectedVersion)
        const newIds = yield* Effect.forEach(changes.added, () =>
          Effect.all({ measureId: ids.next("mea"), taskId: ids.next("tsk") }),
        )
        yield* plans.apply(a, changes, input.measures, date, ruleSet, newIds, yield* calendar.current)
        const after = yield* planOf(principal, a, date)
        const opened = new Set(newIds.map((n) => n.taskId))
        for (const t of after.tasks)
          if (opened.has(t.id)) yield* outbox.publish("task.created", taskEventData(t))
        // The institutions' e-mails for the new tasks, in the same transaction as the tasks.
        for (const task of (yield* tasks.forAgreement(a.id)).filter((t) => opened.has(t.id)))
          for (const mail of yield* notifications.taskAssignedEmails(task))
            yield* outbox.sendEmail("task_assigned", mail.message)
        yield* audit.record({
          actor: principal.id,
          action: "set_plan",
          entity: `plan:${agreementId}`,
          before,
          after,
        })
        return after
      }),
    )
  })

  return { get, set } as const
})

/** Integration plans of agreements. */
export class Plans extends Context.Tag("@coordina/app/Plans")<Plans, Effect.Effect.Success<typeof make>>() {
  /** Over the store, the clock and the ids. */
  static readonly layer = Layer.effect(Plans, make)
}
