/**
 * `/v1/practices` and `/v1/recommendations`: the good-practice library and the recommendations
 * per level of government built on it. Both belong to the `reports` family: the library and the
 * recommendations are the project's outputs (the manual's material), written by coordinators
 * and read by auditors and integrators with `reports:read`.
 * @module
 */
import { Practices, Recommendations } from "@coordina/app"
import {
  GovernmentLevel,
  NewPractice,
  NewRecommendation,
  Practice,
  PracticeFilter,
  PracticePage,
  PracticePatch,
  RecommendationPage,
  RecommendationView,
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

/** The library, mounted at `/v1/practices`. */
export const practiceRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags: ["practices"],
      summary: "Add a practice to the library",
      description:
        "A title in at least one language, an ISO 3166-1 country, sources with a title and an http(s) URL, and events and presenters that exist; otherwise 422 `PracticeRejected` with the paths.",
      responses: { 201: jsonResponse(Practice, "The practice"), ...problems(400, 422) },
    }),
    requires("reports", "write"),
    body(NewPractice),
    (c) =>
      respond(
        c,
        Effect.flatMap(Practices, (s) => s.create(c.var.principal.id, c.req.valid("json"))),
        Practice,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags: ["practices"],
      summary: "Search the library",
      description:
        "`q` searches every text in both languages (each word as the start of a word); Latin input finds Cyrillic text and the reverse, by the transliteration people's names are matched with. Filters: `country`, `area`, `level`.",
      responses: { 200: jsonResponse(PracticePage, "A page of practices"), ...problems(400) },
    }),
    requires("reports", "read"),
    query(Schema.Struct({ ...PageQuery.fields, ...PracticeFilter.fields })),
    (c) =>
      respond(
        c,
        Effect.flatMap(Practices, (s) => s.list(c.req.valid("query"))),
        PracticePage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags: ["practices"],
      summary: "Read a practice",
      responses: { 200: jsonResponse(Practice, "The practice"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Practices, (s) => s.get(c.req.valid("param").id)),
        Practice,
      ),
  )
  .patch(
    "/:id",
    describeRoute({
      tags: ["practices"],
      summary: "Change a practice",
      description: "Send `If-Match` with the version read; only the fields sent change, each replaced whole.",
      responses: { 200: jsonResponse(Practice, "The practice"), ...problems(400, 404, 409, 422, 428) },
    }),
    requires("reports", "write"),
    ifMatch(),
    params(IdParam),
    body(PracticePatch),
    (c) =>
      respond(
        c,
        Effect.flatMap(Practices, (s) =>
          s.update(c.var.principal.id, c.req.valid("param").id, expectedVersion(c), c.req.valid("json")),
        ),
        Practice,
      ),
  )

/** Recommendations, mounted at `/v1/recommendations`. */
export const recommendationRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags: ["practices"],
      summary: "Write a recommendation",
      description:
        "`findings` are saved review queries: `GET /v1/review?groupBy=&asOf=`, the group (`procedureId` when grouped by procedure, `groupKey` otherwise, the total when neither) and the figure cited (`metric`, `value`). The answer shows each figure recomputed now (`currentValue`).",
      responses: { 201: jsonResponse(RecommendationView, "The recommendation"), ...problems(400, 422) },
    }),
    requires("reports", "write"),
    body(NewRecommendation),
    (c) =>
      respond(
        c,
        Effect.flatMap(Recommendations, (s) => s.create(c.var.principal.id, c.req.valid("json"))),
        RecommendationView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags: ["practices"],
      summary: "List recommendations",
      description:
        "Of one `level` or all; each finding with the figure cited and `currentValue`, the same review query computed from today's records.",
      responses: { 200: jsonResponse(RecommendationPage, "A page of recommendations"), ...problems(400) },
    }),
    requires("reports", "read"),
    query(Schema.Struct({ ...PageQuery.fields, level: Schema.optional(GovernmentLevel) })),
    (c) =>
      respond(
        c,
        Effect.flatMap(Recommendations, (s) => s.list(c.req.valid("query"))),
        RecommendationPage,
      ),
  )
