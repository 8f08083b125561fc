/**
 * `/v1/dissemination-activities`: publications, manuals, media and multiplier sessions that
 * reach people indirectly.
 * @module
 */
import {
  DisseminationActivity,
  DisseminationActivityNotFound,
  NewDisseminationActivity,
} from "@coordina/domain"
import { DisseminationRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { createAudited } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { canSeeProject, requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { visibleProject } from "./reachHttp.js"

const IdParam = Schema.Struct({ id: Schema.String })
const ActivityPage = PageOf(DisseminationActivity, "DisseminationActivityPage")
const ListQuery = Schema.Struct({
  ...PageQuery.fields,
  projectId: Schema.optional(Schema.String.annotations({ description: "Only this project's activities" })),
})
const tags = ["dissemination"]

/** The dissemination sub-app, mounted at `/v1/dissemination-activities`. */
export const disseminationRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Record a dissemination activity",
      description:
        "`namedPersonIds` are people reached and known by name (each must exist; 404 PersonNotFound otherwise); `additionalCount` people were reached without names, `counted` or `estimated`.",
      responses: { 201: jsonResponse(DisseminationActivity, "The activity"), ...problems(400, 404) },
    }),
    requires("dissemination", "write"),
    body(NewDisseminationActivity),
    (c) =>
      respond(
        c,
        createAudited(
          c.var.principal.id,
          "dissemination",
          Effect.gen(function* () {
            const input = c.req.valid("json")
            yield* visibleProject(c.var.principal, input.projectId)
            return yield* (yield* DisseminationRepository).create(input)
          }),
        ),
        DisseminationActivity,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List dissemination activities",
      responses: { 200: jsonResponse(ActivityPage, "A page of activities"), ...problems(400, 404) },
    }),
    requires("dissemination", "read"),
    query(ListQuery),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const q = c.req.valid("query")
          if (q.projectId) yield* visibleProject(c.var.principal, q.projectId)
          const page = yield* (yield* DisseminationRepository).list(q)
          return { ...page, items: page.items.filter((a) => canSeeProject(c.var.principal, a.projectId)) }
        }),
        ActivityPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a dissemination activity",
      responses: { 200: jsonResponse(DisseminationActivity, "The activity"), ...problems(404) },
    }),
    requires("dissemination", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        DisseminationRepository.pipe(
          Effect.flatMap((r) => r.get(c.req.valid("param").id)),
          Effect.filterOrFail(
            (a) => canSeeProject(c.var.principal, a.projectId),
            (a) => new DisseminationActivityNotFound({ activityId: a.id }),
          ),
        ),
        DisseminationActivity,
      ),
  )
