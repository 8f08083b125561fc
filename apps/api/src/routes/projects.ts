/**
 * `/v1/projects`: capacity-building projects, their periods and extensions, and (from reach.ts)
 * their reach.
 * @module
 */
import { Projects } from "@coordina/app"
import { Extension, NewProject, ProjectPage, ProjectView } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { reachRoutes } from "./reach.js"

const IdParam = Schema.Struct({ id: Schema.String })
const tags = ["projects"]

/** The projects sub-app, mounted at `/v1/projects`; a project's reach is part of it. */
export const projectRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create a project",
      responses: { 201: jsonResponse(ProjectView, "The project, with its endDate"), ...problems(400, 409) },
    }),
    requires("projects", "write"),
    body(NewProject),
    (c) =>
      respond(
        c,
        Effect.flatMap(Projects, (s) => s.create(c.var.principal, c.req.valid("json"))),
        ProjectView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List projects",
      description: "The projects the caller works on (a coordinator: their projects).",
      responses: { 200: jsonResponse(ProjectPage, "A page of projects") },
    }),
    requires("projects", "read"),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Projects, (s) => s.list(c.var.principal, c.req.valid("query"))),
        ProjectPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a project",
      responses: {
        200: jsonResponse(ProjectView, "The project, with its current endDate"),
        ...problems(404),
      },
    }),
    requires("projects", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Projects, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        ProjectView,
      ),
  )
  .post(
    "/:id/extensions",
    describeRoute({
      tags,
      summary: "Extend the project period",
      responses: {
        201: jsonResponse(ProjectView, "The project with its new endDate"),
        ...problems(400, 404, 422),
      },
    }),
    requires("projects", "write"),
    params(IdParam),
    body(Extension),
    (c) =>
      respond(
        c,
        Effect.flatMap(Projects, (s) =>
          s.extend(c.var.principal, c.req.valid("param").id, c.req.valid("json")),
        ),
        ProjectView,
        201,
      ),
  )
  .route("/", reachRoutes)
