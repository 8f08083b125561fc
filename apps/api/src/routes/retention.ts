/**
 * `/v1/retention`: the retention policy and a dry run of it (counts only). The worker's
 * retention job applies it on a schedule, through the same service.
 * @module
 */
import { Retention } from "@coordina/app"
import { RetentionDryRun, RetentionPolicyView, RetentionReport } from "@coordina/domain"
import { Effect } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body } from "../http/Validate.js"

const tags = ["access"]

/** The retention sub-app, mounted at `/v1/retention`. */
export const retentionRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      tags,
      summary: "The retention policy",
      responses: { 200: jsonResponse(RetentionPolicyView, "One rule per data category") },
    }),
    requires("retention", "read"),
    (c) =>
      respond(
        c,
        Effect.flatMap(Retention, (s) => s.policy),
        RetentionPolicyView,
      ),
  )
  .post(
    "/dry-run",
    describeRoute({
      tags,
      summary: "What the policy would erase or delete on a day, in counts; changes nothing",
      responses: { 200: jsonResponse(RetentionReport, "Counts per category"), ...problems(400) },
    }),
    requires("retention", "read"),
    body(RetentionDryRun),
    (c) =>
      respond(
        c,
        Effect.flatMap(Retention, (s) =>
          s.run({ asOf: c.req.valid("json").asOf, dryRun: true, actor: c.var.principal }),
        ),
        RetentionReport,
      ),
  )
