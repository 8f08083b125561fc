/**
 * The project plan: `/v1/projects/{id}/activities` and `/v1/activities/{id}`. Handlers decode,
 * authorise and call the `Activities` service.
 * @module
 */
import { Activities } from "@coordina/app"
import { ActivityList, ActivityPatch, ActivityView, NewActivity, NewActivityProgress } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const tags = ["plan"]

/** The plan of one project, mounted at `/v1/projects`. */
export const projectActivityRoutes = new Hono<AppEnv>()
  .get(
    "/:id/activities",
    describeRoute({
      tags,
      summary: "The project plan",
      description:
        "Every activity, ordered by code, with its progress texts; `outsideProjectPeriod` flags those that start before or end after the project period (extending a project moves no activity).",
      responses: { 200: jsonResponse(ActivityList, "The activities"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Activities.pipe(
          Effect.flatMap((s) => s.list(c.var.principal, c.req.valid("param").id)),
          Effect.map((items) => ({ items })),
        ),
        ActivityList,
      ),
  )
  .post(
    "/:id/activities",
    describeRoute({
      tags,
      summary: "Add an activity to the plan",
      responses: { 201: jsonResponse(ActivityView, "The activity"), ...problems(400, 404, 409) },
    }),
    requires("reports", "write"),
    params(IdParam),
    body(NewActivity),
    (c) =>
      respond(
        c,
        Activities.pipe(
          Effect.flatMap((s) => s.create(c.var.principal, c.req.valid("param").id, c.req.valid("json"))),
        ),
        ActivityView,
        201,
      ),
  )

/** Single activities, mounted at `/v1/activities`. */
export const activityRoutes = new Hono<AppEnv>()
  .patch(
    "/:id",
    describeRoute({
      tags,
      summary: "Change an activity",
      description: "Send `If-Match` with the version read; only the fields sent change.",
      responses: {
        200: jsonResponse(ActivityView, "The activity"),
        ...problems(400, 404, 409, 422, 428),
      },
    }),
    requires("reports", "write"),
    ifMatch(),
    params(IdParam),
    body(ActivityPatch),
    (c) =>
      respond(
        c,
        Activities.pipe(
          Effect.flatMap((s) =>
            s.update(c.var.principal, c.req.valid("param").id, expectedVersion(c), c.req.valid("json")),
          ),
        ),
        ActivityView,
      ),
  )
  .post(
    "/:id/progress",
    describeRoute({
      tags,
      summary: "Write an activity's progress for a reporting period",
      responses: { 201: jsonResponse(ActivityView, "The activity with the text"), ...problems(400, 404) },
    }),
    requires("reports", "write"),
    params(IdParam),
    body(NewActivityProgress),
    (c) =>
      respond(
        c,
        Activities.pipe(
          Effect.flatMap((s) => s.addProgress(c.var.principal, c.req.valid("param").id, c.req.valid("json"))),
        ),
        ActivityView,
        201,
      ),
  )
