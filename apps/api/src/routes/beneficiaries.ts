/**
 * `/v1/beneficiaries`: beneficiaries of international protection. The pseudonymous case record
 * goes to every caller who may read beneficiaries; `personal` only to roles allowed to see it,
 * and each such read is audit-logged. The use cases are the app layer's `Beneficiaries`.
 * @module
 */
import { Beneficiaries, Search } from "@coordina/app"
import { BeneficiaryPage, BeneficiaryView, NewBeneficiary } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const tags = ["beneficiaries"]

const ListQuery = Schema.Struct({
  ...PageQuery.fields,
  q: Schema.optional(Schema.String.pipe(Schema.trimmed(), Schema.maxLength(200))).annotations({
    description: "Pseudonym, or name for roles that may read personal data",
  }),
})

/** The beneficiaries sub-app, mounted at `/v1/beneficiaries`. */
export const beneficiaryRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Register a beneficiary",
      description:
        "The personal data is stored apart from the pseudonymous case record. A birth date or status decision after today, or a decision before the birth, is 422.",
      responses: {
        201: jsonResponse(BeneficiaryView, "The case record (personal only to roles allowed)"),
        ...problems(400, 422),
      },
    }),
    requires("beneficiaries", "write"),
    body(NewBeneficiary),
    (c) =>
      respond(
        c,
        Effect.flatMap(Beneficiaries, (s) => s.create(c.var.principal, c.req.valid("json"))),
        BeneficiaryView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List beneficiaries",
      description:
        "The beneficiaries the caller may see (a case worker: those with an agreement in their municipalities), by id. `q` matches the pseudonym, and the name for roles that may read personal data; `personal` comes back only to those, each such read audit-logged. Each item carries the caller's `allowedActions`.",
      responses: { 200: jsonResponse(BeneficiaryPage, "A page of beneficiaries"), ...problems(400) },
    }),
    requires("beneficiaries", "read"),
    query(ListQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Search, (s) => s.beneficiaries(c.var.principal, c.req.valid("query"))),
        BeneficiaryPage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a beneficiary",
      description: "`personal` comes back only to roles allowed to see it; each such read is audit-logged.",
      responses: { 200: jsonResponse(BeneficiaryView, "The case record"), ...problems(404) },
    }),
    requires("beneficiaries", "read"),
    params(Schema.Struct({ id: Schema.String })),
    (c) =>
      respond(
        c,
        Effect.flatMap(Beneficiaries, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        BeneficiaryView,
      ),
  )
