/**
 * `/v1/tasks`: coordination tasks (referrals). An institution's inbox
 * (`?institutionId=`), the coordinator's overdue list (`?overdue=true&asOf=`), and the
 * institution's answers: accept, reject with a reason, complete an accepted task with its
 * outcome. The measure follows its task (accepted: in progress; done: done, the outcome as evidence).
 * @module
 */
import {
  AcceptTaskRequest,
  acceptTask,
  CompleteTaskRequest,
  type CoordinationTask,
  completeTask,
  type IllegalTransition,
  IsoDate,
  measureAfterTask,
  RejectTaskRequest,
  rejectTask,
  TaskNotFound,
  TaskVersionStale,
  TaskView,
  taskViewOn,
} from "@coordina/domain"
import { AuditLog, CoordinationTasksRepository, IntegrationPlansRepository } from "@coordina/store"
import { Effect, type Either, Schema } from "effect"
import type { Context } from "hono"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { transaction } from "@coordina/app"
import { badIfMatch, optionalIfMatch } from "../http/Concurrency.js"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { canSeeTask, requires, visibleInstitutions, visibleMunicipalities } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { today } from "./agreementsShared.js"

const tags = ["tasks"]
const IdParam = Schema.Struct({ id: Schema.String })
const TaskPage = PageOf(TaskView, "TaskPage")

const visibleTask = (c: Context<AppEnv>, id: string) =>
  Effect.gen(function* () {
    const tasks = yield* CoordinationTasksRepository
    const task = yield* tasks.get(id)
    const municipalityId = yield* tasks.municipalityOf(id)
    if (
      !canSeeTask(c.var.principal, {
        institutionId: task.institutionId,
        ...(municipalityId ? { municipalityId } : {}),
      })
    )
      return yield* new TaskNotFound({ taskId: id })
    return task
  })

/** Runs an institution's answer on a task, moves its measure along, and audits. */
const answer = (
  c: Context<AppEnv>,
  date: IsoDate | undefined,
  decide: (task: CoordinationTask, on: IsoDate) => Either.Either<CoordinationTask, IllegalTransition>,
) => {
  const expected = optionalIfMatch(c)
  const id = c.req.param("id") ?? ""
  return transaction(
    Effect.gen(function* () {
      const on = date ?? (yield* today)
      const task = yield* visibleTask(c, id)
      if (typeof expected === "number" && expected !== task.version)
        return yield* new TaskVersionStale({
          entity: `task:${id}`,
          expectedVersion: expected,
          currentVersion: task.version,
        })
      const next = yield* decide(task, on)
      yield* (yield* CoordinationTasksRepository).save(next, task.version)
      const plans = yield* IntegrationPlansRepository
      const measure = yield* plans.measure(task.measureId)
      if (measure) yield* plans.saveMeasure(measureAfterTask(measure, next))
      yield* (yield* AuditLog).record({
        actor: c.var.principal.id,
        action: "update",
        entity: `task:${id}`,
        before: task,
        after: next,
      })
      return taskViewOn(next, yield* today)
    }),
  )
}

const answerDocs = (summary: string) =>
  describeRoute({
    tags,
    summary,
    parameters: [
      {
        name: "If-Match",
        in: "header",
        required: false,
        description: "The task's version",
        schema: { type: "string" },
      },
    ],
    responses: { 200: jsonResponse(TaskView, "The task after the answer"), ...problems(400, 404, 409) },
  })

/** The tasks sub-app, mounted at `/v1/tasks`. */
export const taskRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List coordination tasks",
      description:
        "An institution's inbox with `institutionId`; the overdue list with `overdue=true` (not done and past dueDate on `asOf`, default today).",
      responses: { 200: jsonResponse(TaskPage, "A page of tasks, as of asOf") },
    }),
    requires("tasks", "read"),
    query(
      Schema.Struct({
        ...PageQuery.fields,
        institutionId: Schema.optional(Schema.String),
        agreementId: Schema.optional(Schema.String),
        overdue: Schema.optional(Schema.BooleanFromString),
        asOf: Schema.optional(IsoDate),
      }),
    ),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const q = c.req.valid("query")
          const asOf = q.asOf ?? (yield* today)
          const institutions = visibleInstitutions(c.var.principal)
          const municipalities = visibleMunicipalities(c.var.principal)
          const scoped = institutions !== "all" || municipalities !== "all"
          const page = yield* (yield* CoordinationTasksRepository).list({
            ...q,
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
          return { items: page.items.map((t) => taskViewOn(t, asOf)), nextCursor: page.nextCursor }
        }),
        TaskPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a coordination task",
      responses: { 200: jsonResponse(TaskView, "The task"), ...problems(404) },
    }),
    requires("tasks", "read"),
    params(IdParam),
    query(Schema.Struct({ asOf: Schema.optional(IsoDate) })),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const task = yield* visibleTask(c, c.req.valid("param").id)
          return taskViewOn(task, c.req.valid("query").asOf ?? (yield* today))
        }),
        TaskView,
      ),
  )
  .post(
    "/:id/accept",
    answerDocs("Accept an open task"),
    requires("tasks", "write"),
    params(IdParam),
    body(AcceptTaskRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      return respond(c, answer(c, c.req.valid("json").date, acceptTask), TaskView)
    },
  )
  .post(
    "/:id/reject",
    answerDocs("Reject an open task, saying why"),
    requires("tasks", "write"),
    params(IdParam),
    body(RejectTaskRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        answer(c, input.date, (t, on) => rejectTask(t, input.reason, on)),
        TaskView,
      )
    },
  )
  .post(
    "/:id/complete",
    answerDocs("Complete an accepted task with its outcome"),
    requires("tasks", "write"),
    params(IdParam),
    body(CompleteTaskRequest),
    (c) => {
      if (optionalIfMatch(c) === "bad") return badIfMatch(c)
      const input = c.req.valid("json")
      return respond(
        c,
        answer(c, input.date, (t, on) => completeTask(t, input.outcome, on)),
        TaskView,
      )
    },
  )
