/**
 * Coordination tasks (referrals): every plan measure another institution must act on becomes
 * a task addressed to it, `open → accepted | rejected(reason)`, and an accepted task
 * `→ done(outcome)`. A task not done by its due date is overdue and escalates to the
 * coordinator, as does a rejected one.
 * @module
 */
import { Either, Schema } from "effect"
import { pageOf } from "./Page.js"
import { idMaxLength } from "./Text.js"
import { addDays, IsoDate, maxDate, PlausibleDate } from "./CalendarDate.js"
import { AgreementId, IllegalTransition } from "./Agreement.js"
import { InstitutionId } from "./Institution.js"
import { Measure, MeasureId } from "./IntegrationPlan.js"
import { PlanArea, type ProcedureRuleSet } from "./ProcedureRuleSet.js"
import { defaultCalendar, nextWorkingDay, type WorkingCalendar } from "./WorkingDays.js"

/** Opaque identifier of a coordination task. */
export const TaskId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("TaskId"),
  Schema.annotations({ identifier: "TaskId" }),
)
/** Opaque identifier of a coordination task. */
export type TaskId = typeof TaskId.Type

/** Where a task stands. */
export const TaskStatus = Schema.Literal("open", "accepted", "rejected", "done", "cancelled").annotations({
  identifier: "TaskStatus",
})
/** Where a task stands. */
export type TaskStatus = typeof TaskStatus.Type

/** A coordination task as stored. */
export class CoordinationTask extends Schema.Class<CoordinationTask>("CoordinationTask")({
  id: TaskId,
  agreementId: AgreementId,
  measureId: MeasureId,
  institutionId: InstitutionId,
  area: PlanArea,
  openedOn: IsoDate,
  dueDate: IsoDate,
  status: TaskStatus,
  acceptedOn: Schema.optional(IsoDate),
  rejectedOn: Schema.optional(IsoDate),
  reason: Schema.optional(Schema.String),
  doneOn: Schema.optional(IsoDate),
  outcome: Schema.optional(Schema.String),
  cancelledOn: Schema.optional(IsoDate),
  version: Schema.Int,
}) {}

/** An institution's answers to a task. */
export const TaskAction = Schema.Literal("accept", "reject", "complete").annotations({
  identifier: "TaskAction",
})
/** An institution's answers to a task. */
export type TaskAction = typeof TaskAction.Type

/**
 * A task as the API shows it on a day: whether it is overdue, who must step in, and the
 * answers the caller may give now (none to a caller who may not answer it).
 */
export const TaskView = Schema.Struct({
  ...CoordinationTask.fields,
  asOf: IsoDate,
  overdue: Schema.Boolean,
  escalateTo: Schema.optional(Schema.Literal("coordinator")),
  allowedActions: Schema.Array(TaskAction),
}).annotations({ identifier: "TaskView" })
/** A task as the API shows it on a day. */
export type TaskView = typeof TaskView.Type

/** A page of tasks, as `GET /v1/tasks` answers it. */
export const TaskPage = pageOf(TaskView, "TaskPage")
/** A page of tasks. */
export type TaskPage = typeof TaskPage.Type

const Text = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(2000))

/** Body of `accept`; `date` defaults to today. */
export class AcceptTaskRequest extends Schema.Class<AcceptTaskRequest>("AcceptTaskRequest")({
  date: Schema.optional(PlausibleDate),
}) {}

/** Body of `reject`. */
export class RejectTaskRequest extends Schema.Class<RejectTaskRequest>("RejectTaskRequest")({
  reason: Text,
  date: Schema.optional(PlausibleDate),
}) {}

/** Body of `complete`. */
export class CompleteTaskRequest extends Schema.Class<CompleteTaskRequest>("CompleteTaskRequest")({
  outcome: Text,
  date: Schema.optional(PlausibleDate),
}) {}

/** No task has the given id. */
export class TaskNotFound extends Schema.TaggedError<TaskNotFound>()("TaskNotFound", {
  taskId: Schema.String,
}) {}

/** The task changed since the client read it. */
export class TaskVersionStale extends Schema.TaggedError<TaskVersionStale>()("TaskVersionStale", {
  entity: Schema.String,
  expectedVersion: Schema.Int,
  currentVersion: Schema.Int,
}) {}

/**
 * A task's due date: the measure's due date, but never sooner than the rule set's
 * `taskDueDays` after the task opens, moved to a working day.
 */
export const taskDueDate = (
  openedOn: IsoDate,
  measureDueDate: IsoDate,
  ruleSet: ProcedureRuleSet,
  calendar: WorkingCalendar = defaultCalendar,
): IsoDate =>
  nextWorkingDay(maxDate(measureDueDate, addDays(openedOn, ruleSet.parameters.taskDueDays)), calendar)

/** The task a new measure opens for its responsible institution (without id and version). */
export const openTask = (
  measure: Measure,
  openedOn: IsoDate,
  ruleSet: ProcedureRuleSet,
  calendar: WorkingCalendar = defaultCalendar,
): Omit<CoordinationTask, "id" | "version"> => ({
  agreementId: measure.agreementId,
  measureId: measure.id,
  institutionId: measure.responsibleInstitutionId,
  area: measure.area,
  openedOn,
  dueDate: taskDueDate(openedOn, measure.dueDate, ruleSet, calendar),
  status: "open",
})

/**
 * Whether a task is overdue on `asOf`: opened, neither done nor cancelled by then, and past
 * its due date.
 */
export const isOverdue = (
  t: {
    readonly openedOn: string
    readonly dueDate: string
    readonly doneOn?: string | undefined | null
    readonly cancelledOn?: string | undefined | null
  },
  asOf: string,
): boolean =>
  t.openedOn <= asOf &&
  t.dueDate < asOf &&
  !(t.doneOn != null && t.doneOn <= asOf) &&
  !(t.cancelledOn != null && t.cancelledOn <= asOf)

/** Who must step in on `asOf`: the coordinator, for an overdue or a rejected task (a cancelled one is nobody's). */
export const escalation = (t: CoordinationTask, asOf: IsoDate): "coordinator" | undefined =>
  isOverdue(t, asOf) || t.status === "rejected" ? "coordinator" : undefined

/** The answers a task in its status takes: an open one is accepted or rejected, an accepted one completed. */
export const taskActions = (t: { readonly status: TaskStatus }): ReadonlyArray<TaskAction> => {
  switch (t.status) {
    case "open":
      return ["accept", "reject"]
    case "accepted":
      return ["complete"]
    default:
      return []
  }
}

/**
 * The API's view of a task on `asOf`. `mayAnswer` is whether the caller may answer this task
 * (see Access.ts); without that right no answer is offered.
 */
export const taskViewOn = (t: CoordinationTask, asOf: IsoDate, mayAnswer = true): TaskView => {
  const escalateTo = escalation(t, asOf)
  return {
    ...t,
    asOf,
    overdue: isOverdue(t, asOf),
    ...(escalateTo ? { escalateTo } : {}),
    allowedActions: mayAnswer ? taskActions(t) : [],
  }
}

const refuse = (t: CoordinationTask, action: string) =>
  Either.left(
    new IllegalTransition({
      entity: `task:${t.id}`,
      action,
      currentState: t.status,
      message: `A task that is ${t.status} cannot ${action}.`,
    }),
  )

/** The institution accepts an open task. */
export const acceptTask = (
  t: CoordinationTask,
  date: IsoDate,
): Either.Either<CoordinationTask, IllegalTransition> =>
  t.status === "open"
    ? Either.right(
        new CoordinationTask({ ...t, status: "accepted", acceptedOn: date, version: t.version + 1 }),
      )
    : refuse(t, "accept")

/** The institution rejects an open task, saying why. */
export const rejectTask = (
  t: CoordinationTask,
  reason: string,
  date: IsoDate,
): Either.Either<CoordinationTask, IllegalTransition> =>
  t.status === "open"
    ? Either.right(
        new CoordinationTask({ ...t, status: "rejected", rejectedOn: date, reason, version: t.version + 1 }),
      )
    : refuse(t, "reject")

/** The institution completes an accepted task with its outcome; only an accepted task completes. */
export const completeTask = (
  t: CoordinationTask,
  outcome: string,
  date: IsoDate,
): Either.Either<CoordinationTask, IllegalTransition> =>
  t.status === "accepted"
    ? Either.right(
        new CoordinationTask({ ...t, status: "done", doneOn: date, outcome, version: t.version + 1 }),
      )
    : refuse(t, "complete")

/** The measure as its task leaves it: accepted is in progress, done is done with the outcome as evidence. */
export const measureAfterTask = (m: Measure, t: CoordinationTask): Measure => {
  switch (t.status) {
    case "accepted":
      return m.status === "planned" ? new Measure({ ...m, status: "in_progress" }) : m
    case "done":
      return new Measure({
        ...m,
        status: "done",
        evidence: [...m.evidence, t.outcome ?? ""].filter((e) => e !== ""),
        ...(t.doneOn ? { doneOn: t.doneOn } : {}),
      })
    default:
      return m
  }
}
