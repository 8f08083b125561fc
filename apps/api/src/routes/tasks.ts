/**
 * `/v1/tasks`: coordination tasks (referrals). An institution's inbox
 * (`?institutionId=`), the coordinator's overdue list (`?overdue=true&asOf=`), and the
 * institution's answers: accept, reject with a reason, complete an accepted task with its
 * outcome. The measure follows its task (accepted: in progress; done: done, the outcome as evidence).
 * Each task carries the answers this caller may give (`allowedActions`). The use cases are the
 * app layer's `Tasks`.
 * @module
 */
import { type Answer, Tasks } from "@coordina/app"
import {
  AcceptTaskRequest,
  acceptTask,
  CompleteTaskRequest,
  completeTask,
  type IsoDate,
  PlausibleDate,
  RejectTaskRequest,
  rejectTask,
  TaskPage,
  TaskView,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import type { Context } from "hono"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { ifMatch, sentVersion } from "../http/Concurrency.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const tags = ["tasks"]
const IdParam = Schema.Struct({ id: Schema.String })

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

/** The middleware of every answer: its policy, an optional If-Match, the path and the body. */
const answerInput = <A, I>(request: Schema.Schema<A, I>) =>
  [requires("tasks", "write"), ifMatch("optional"), params(IdParam), body(request)] as const

const answer = (c: Context<AppEnv>, id: string, date: IsoDate | undefined, decide: Answer) =>
  respond(
    c,
    Effect.flatMap(Tasks, (s) => s.act(c.var.principal, id, sentVersion(c), date, decide)),
    TaskView,
  )

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
        asOf: Schema.optional(PlausibleDate),
      }),
    ),
    (c) =>
      respond(
        c,
        Effect.flatMap(Tasks, (s) => s.list(c.var.principal, c.req.valid("query"))),
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
    query(Schema.Struct({ asOf: Schema.optional(PlausibleDate) })),
    (c) =>
      respond(
        c,
        Effect.flatMap(Tasks, (s) =>
          s.get(c.var.principal, c.req.valid("param").id, c.req.valid("query").asOf),
        ),
        TaskView,
      ),
  )
  .post("/:id/accept", answerDocs("Accept an open task"), ...answerInput(AcceptTaskRequest), (c) =>
    answer(c, c.req.valid("param").id, c.req.valid("json").date, acceptTask),
  )
  .post(
    "/:id/reject",
    answerDocs("Reject an open task, saying why"),
    ...answerInput(RejectTaskRequest),
    (c) => {
      const input = c.req.valid("json")
      return answer(c, c.req.valid("param").id, input.date, (t, on) => rejectTask(t, input.reason, on))
    },
  )
  .post(
    "/:id/complete",
    answerDocs("Complete an accepted task with its outcome"),
    ...answerInput(CompleteTaskRequest),
    (c) => {
      const input = c.req.valid("json")
      return answer(c, c.req.valid("param").id, input.date, (t, on) => completeTask(t, input.outcome, on))
    },
  )
