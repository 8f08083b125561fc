/**
 * `/v1/dissemination-activities`: publications, manuals, media and multiplier sessions that
 * reach people indirectly.
 * @module
 */
import { Dissemination } from "@coordina/app"
import { DisseminationActivity, DisseminationActivityPage, NewDisseminationActivity } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
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
        Effect.flatMap(Dissemination, (s) => s.create(c.var.principal, c.req.valid("json"))),
        DisseminationActivity,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List dissemination activities",
      description: "The activities of the projects the caller works on.",
      responses: {
        200: jsonResponse(DisseminationActivityPage, "A page of activities"),
        ...problems(400, 404),
      },
    }),
    requires("dissemination", "read"),
    query(ListQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Dissemination, (s) => s.list(c.var.principal, c.req.valid("query"))),
        DisseminationActivityPage,
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
        Effect.flatMap(Dissemination, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        DisseminationActivity,
      ),
  )
