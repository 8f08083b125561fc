/**
 * Coordination tasks as a use case: an institution's inbox, the overdue list, and the
 * institution's answers (accept, reject, complete), each moving its measure along. Each task
 * comes with the answers the caller may give now.
 * @module
 */
import {
  allows,
  canAnswerTask,
  type CoordinationTask,
  type IllegalTransition,
  type IsoDate,
  institutionScope,
  measureAfterTask,
  municipalityScope,
  type Principal,
  TaskVersionStale,
  type TaskPage,
  type TaskStatus,
  taskViewOn,
} from "@coordina/domain"
import { AuditLog, CoordinationTasksRepository, IntegrationPlansRepository } from "@coordina/store"
import { Context, Effect, type Either, Layer } from "effect"
import { visibleTask } from "./AgreementScope.js"
import { Outbox, taskEventData } from "./Outbox.js"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"

/** The audit log's word for the answer that left a task in its status. */
const answerAction = (t: CoordinationTask): string =>
  t.status === "accepted"
    ? "accept"
    : t.status === "rejected"
      ? "reject"
      : t.status === "done"
        ? "complete"
        : "update"

/** What a task list can be filtered by; `asOf` defaults to today. */
export interface TaskQuery {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
  readonly institutionId?: string | undefined
  readonly agreementId?: string | undefined
  readonly overdue?: boolean | undefined
  readonly asOf?: IsoDate | undefined
}

/** An institution's answer: the domain's `acceptTask`, `rejectTask` or `completeTask`, given its input. */
export type Answer = (
  task: CoordinationTask,
  on: IsoDate,
) => Either.Either<CoordinationTask, IllegalTransition>

/** The webhook event an answer publishes, by the status it leaves the task in. */
const eventOfAnswer: Partial<Record<TaskStatus, "task.accepted" | "task.rejected" | "task.completed">> = {
  accepted: "task.accepted",
  rejected: "task.rejected",
  done: "task.completed",
}

const make = Effect.gen(function* () {
  const tasks = yield* CoordinationTasksRepository
  const plans = yield* IntegrationPlansRepository
  const audit = yield* AuditLog
  const clock = yield* Today
  const outbox = yield* Outbox

  /** A page of the tasks the caller may see, scoped in SQL so pages are full. */
  const list = Effect.fn("Tasks.list")(function* (principal: Principal, query: TaskQuery) {
    const asOf = query.asOf ?? (yield* clock.date)
    const institutions = institutionScope(principal)
    const municipalities = municipalityScope(principal)
    const scoped = institutions !== "all" || municipalities !== "all"
    const page = yield* tasks.list({
      ...query,
      asOf,
      ...(scoped
        ? {
            visibleTo: {
              institutionIds: institutions === "all" ? [] : institutions,
              municipalityIds: municipalities === "all" ? [] : municipalities,
            },
          }
        : {}),
    })
    // The SQL scope admits only tasks the caller may see, so answering needs only the right.
    const mayAnswer = allows(principal, "tasks", "write")
    return {
      items: page.items.map((t) => taskViewOn(t, asOf, mayAnswer)),
      nextCursor: page.nextCursor,
      total: page.total,
    } satisfies TaskPage
  })

  /** One task the caller may see, on `asOf` (default today). */
  const get = Effect.fn("Tasks.get")(function* (principal: Principal, id: string, asOf?: IsoDate) {
    const { task, scope } = yield* visibleTask(principal, id)
    return taskViewOn(task, asOf ?? (yield* clock.date), canAnswerTask(principal, scope))
  })

  /**
   * Answers a task the caller may see, on `date` (default today): a newer task than
   * `expectedVersion` is 409, an answer its status does not take is 409; its measure follows,
   * and the change is audited.
   */
  const act = Effect.fn("Tasks.act")(function* (
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    date: IsoDate | undefined,
    answer: Answer,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const { task, scope } = yield* visibleTask(principal, id)
        if (expectedVersion !== undefined && expectedVersion !== task.version)
          return yield* new TaskVersionStale({
            entity: `task:${id}`,
            expectedVersion,
            currentVersion: task.version,
          })
        const next = yield* answer(task, date ?? (yield* clock.date))
        yield* tasks.save(next, task.version)
        const measure = yield* plans.measure(task.measureId)
        if (measure) yield* plans.saveMeasure(measureAfterTask(measure, next))
        const published = eventOfAnswer[next.status]
        if (published) yield* outbox.publish(published, taskEventData(next))
        yield* audit.record({
          actor: principal.id,
          action: answerAction(next),
          entity: `task:${id}`,
          before: task,
          after: next,
        })
        return taskViewOn(next, yield* clock.date, canAnswerTask(principal, scope))
      }),
    )
  })

  /**
   * Publishes `task.overdue` for every task that is overdue on `asOf` (default today) and was not
   * announced before, in one transaction with the notices that keep it from being announced
   * again. Answers how many were published. The worker's daily job calls it.
   */
  const publishOverdue = Effect.fn("Tasks.publishOverdue")(function* (asOf?: IsoDate) {
    const on = asOf ?? (yield* clock.date)
    return yield* transaction(
      Effect.gen(function* () {
        const claimed = yield* tasks.claimOverdueNotices(on, yield* clock.nowIso)
        yield* outbox.publishMany("task.overdue", claimed.map(taskEventData))
        return claimed.length
      }),
    )
  })

  return { list, get, act, publishOverdue } as const
})

/** Coordination tasks. */
export class Tasks extends Context.Tag("@coordina/app/Tasks")<Tasks, Effect.Effect.Success<typeof make>>() {
  /** Over the store and the clock. */
  static readonly layer = Layer.effect(Tasks, make)
}
