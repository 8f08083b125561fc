/**
 * `/v1/review`: how the ordinance works, from the records: per rule set, planning region,
 * province or municipality, the funnel, late intents, median days between steps, termination
 * grounds, offers and uptake, measures by area and overdue tasks. Counts only, never names.
 * The use case is the app layer's `OrdinanceReview`.
 * @module
 */
import { OrdinanceReview } from "@coordina/app"
import { PlausibleDate, Review, ReviewGroupBy } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { query } from "../http/Validate.js"

/** The review sub-app, mounted at `/v1/review`. */
export const reviewRoutes = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    tags: ["review"],
    summary: "Review how the ordinance works",
    description:
      "The first four funnel steps count agreements that reached them by `asOf` (default today); terminated, expired and closed count final states on `asOf`.",
    responses: { 200: jsonResponse(Review, "The review by group, and the total"), ...problems(400) },
  }),
  requires("review", "read"),
  query(Schema.Struct({ groupBy: Schema.optional(ReviewGroupBy), asOf: Schema.optional(PlausibleDate) })),
  (c) =>
    respond(
      c,
      Effect.flatMap(OrdinanceReview, (s) => s.report(c.req.valid("query"))),
      Review,
    ),
)
