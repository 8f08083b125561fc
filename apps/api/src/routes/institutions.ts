/**
 * `/v1/institutions`: the institutions whose representatives projects reach.
 * @module
 */
import { Institutions } from "@coordina/app"
import {
  Institution,
  InstitutionKind,
  InstitutionLevel,
  InstitutionPage,
  InstitutionPatch,
  NewInstitution,
  PlanningRegionCode,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const ListQuery = Schema.Struct({
  ...PageQuery.fields,
  q: Schema.optional(Schema.String.annotations({ description: "Part of the name, Cyrillic or Latin" })),
  kind: Schema.optional(InstitutionKind),
  level: Schema.optional(InstitutionLevel),
  planningRegion: Schema.optional(PlanningRegionCode),
})
const tags = ["institutions"]

/** The institutions sub-app, mounted at `/v1/institutions`. */
export const institutionRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create an institution",
      description:
        "Planning region (NUTS-2, BG31…BG42), province (NUTS-3) and municipality apply to Bulgarian institutions only; a province must lie in the planning region (422 InvalidRegionCode otherwise) and fills in its region when none is sent.",
      responses: { 201: jsonResponse(Institution, "The institution"), ...problems(400, 422) },
    }),
    requires("institutions", "write"),
    body(NewInstitution),
    (c) =>
      respond(
        c,
        Effect.flatMap(Institutions, (s) => s.create(c.var.principal, c.req.valid("json"))),
        Institution,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List institutions",
      responses: { 200: jsonResponse(InstitutionPage, "A page of institutions"), ...problems(400) },
    }),
    requires("institutions", "read"),
    query(ListQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Institutions, (s) => s.list(c.req.valid("query"))),
        InstitutionPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read an institution",
      responses: { 200: jsonResponse(Institution, "The institution"), ...problems(404) },
    }),
    requires("institutions", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Institutions, (s) => s.get(c.req.valid("param").id)),
        Institution,
      ),
  )
  .patch(
    "/:id",
    describeRoute({
      tags,
      summary: "Change an institution",
      description: "Send `If-Match: <version>`: 409 when the record changed since, 428 without the header.",
      responses: {
        200: jsonResponse(Institution, "The changed institution"),
        ...problems(400, 404, 409, 422, 428),
      },
    }),
    requires("institutions", "write"),
    ifMatch(),
    params(IdParam),
    body(InstitutionPatch),
    (c) =>
      respond(
        c,
        Effect.flatMap(Institutions, (s) =>
          s.update(c.var.principal, c.req.valid("param").id, c.req.valid("json"), expectedVersion(c)),
        ),
        Institution,
      ),
  )
