/**
 * `/v1/retention`: the retention policy and a dry run of it (counts only). The worker's
 * retention job applies it on a schedule.
 * @module
 */
import { defaultRetentionPolicy, IsoDate, isoDate, RetentionPolicy, RetentionReport } from "@coordina/domain"
import { runRetention } from "@coordina/store"
import { DateTime, Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body } from "../http/Validate.js"

const PolicyView = Schema.Struct({ policy: RetentionPolicy }).annotations({
  identifier: "RetentionPolicyView",
})
const DryRunRequest = Schema.Struct({
  asOf: Schema.optional(IsoDate.annotations({ description: "The day to judge on; today by default" })),
}).annotations({ identifier: "RetentionDryRun" })
const tags = ["access"]

/** The retention sub-app, mounted at `/v1/retention`. */
export const retentionRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      tags,
      summary: "The retention policy",
      responses: { 200: jsonResponse(PolicyView, "One rule per data category") },
    }),
    requires("retention", "read"),
    (c) => respond(c, Effect.succeed({ policy: defaultRetentionPolicy }), PolicyView),
  )
  .post(
    "/dry-run",
    describeRoute({
      tags,
      summary: "What the policy would erase or delete on a day, in counts; changes nothing",
      responses: { 200: jsonResponse(RetentionReport, "Counts per category"), ...problems(400) },
    }),
    requires("retention", "read"),
    body(DryRunRequest),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const today = isoDate(DateTime.formatIsoDateUtc(yield* DateTime.now))
          return yield* runRetention({
            policy: defaultRetentionPolicy,
            asOf: c.req.valid("json").asOf ?? today,
            dryRun: true,
            actor: c.var.principal.id,
          })
        }),
        RetentionReport,
      ),
  )
