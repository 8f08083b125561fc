/**
 * `GET /v1/search?q=`: the header's one search box. Any signed-in caller may search; what it
 * looks in follows the caller's rights (the domain's `searchKindsFor`), each kind in the caller's
 * scope, and a beneficiary's name only for roles that may read personal data (audited).
 * @module
 */
import { Search } from "@coordina/app"
import { SearchQuery, SearchResults } from "@coordina/domain"
import { Effect } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { selfService } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { query } from "../http/Validate.js"

/** The search sub-app, mounted at `/v1/search`. */
export const searchRoutes = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    tags: ["search"],
    summary: "Find people, beneficiaries, institutions, events and agreements",
    description:
      "Latin input finds Cyrillic names and the reverse. Each kind only for callers who may read its family; beneficiaries by pseudonym, and by name only for roles that may read personal data (each such hit is a `read_personal` audit entry). Up to `limit` hits of each kind (default 5).",
    responses: { 200: jsonResponse(SearchResults, "The hits, grouped by kind"), ...problems(400) },
  }),
  selfService(),
  query(SearchQuery),
  (c) => {
    const { q, limit } = c.req.valid("query")
    return respond(
      c,
      Effect.flatMap(Search, (s) => s.find(c.var.principal, q, limit)),
      SearchResults,
    )
  },
)
