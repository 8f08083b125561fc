/**
 * `/v1/procedures`: the versions of the ordinance on integration agreements, as data.
 * @module
 */
import { ProcedureList, ProcedureRuleSet, ruleSetById, ruleSets } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { params } from "../http/Validate.js"

const tags = ["procedures"]

/** The procedures sub-app, mounted at `/v1/procedures`. */
export const procedureRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List the rule sets (versions of the ordinance)",
      responses: { 200: jsonResponse(ProcedureList, "Every rule set, oldest first") },
    }),
    requires("procedures", "read"),
    (c) => respond(c, Effect.succeed({ items: ruleSets }), ProcedureList),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a rule set",
      responses: { 200: jsonResponse(ProcedureRuleSet, "The rule set with its sources"), ...problems(404) },
    }),
    requires("procedures", "read"),
    params(Schema.Struct({ id: Schema.String })),
    (c) => respond(c, ruleSetById(c.req.valid("param").id), ProcedureRuleSet),
  )
