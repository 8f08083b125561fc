/**
 * `/v1/projects`: capacity-building projects, their periods and extensions.
 * @module
 */
import { Extension, NewProject, ProjectNotFound, ProjectView, toProjectView } from "@coordina/domain"
import { AuditLog, ProjectsRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { createAudited, transaction } from "@coordina/app"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { canSeeProject, requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const ProjectPage = PageOf(ProjectView, "ProjectPage")
const tags = ["projects"]

/** The projects sub-app, mounted at `/v1/projects`. */
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
        createAudited(
          c.var.principal.id,
          "project",
          ProjectsRepository.pipe(
            Effect.flatMap((repo) => repo.create(c.req.valid("json"))),
            Effect.map(toProjectView),
          ),
        ),
        ProjectView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List projects",
      responses: { 200: jsonResponse(ProjectPage, "A page of projects") },
    }),
    requires("projects", "read"),
    query(PageQuery),
    (c) =>
      respond(
        c,
        ProjectsRepository.pipe(
          Effect.flatMap((repo) => repo.list(c.req.valid("query"))),
          // A coordinator lists only their projects.
          Effect.map((page) => ({
            items: page.items.filter((p) => canSeeProject(c.var.principal, p.id)).map(toProjectView),
            nextCursor: page.nextCursor,
          })),
        ),
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
        ProjectsRepository.pipe(
          Effect.flatMap((repo) => repo.get(c.req.valid("param").id)),
          // Another coordinator's project is not found: its existence does not leak.
          Effect.filterOrFail(
            (p) => canSeeProject(c.var.principal, p.id),
            (p) => new ProjectNotFound({ projectId: p.id }),
          ),
          Effect.map(toProjectView),
        ),
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
        ...problems(400, 404),
      },
    }),
    requires("projects", "write"),
    params(IdParam),
    body(Extension),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const repo = yield* ProjectsRepository
            const before = toProjectView(yield* repo.get(id))
            const after = toProjectView(yield* repo.addExtension(id, c.req.valid("json")))
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "update",
              entity: `project:${id}`,
              before,
              after,
            })
            return after
          }),
        ),
        ProjectView,
        201,
      ),
  )
