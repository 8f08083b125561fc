/**
 * `/v1/api-keys`: integrators' keys, managed by admins. A key is shown once, when created; only
 * its hash is kept; revoking stops it at once.
 * @module
 */
import { ApiKeys } from "@coordina/app"
import { ApiKey, ApiKeyPage, CreatedApiKey, NewApiKey } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const tags = ["access"]

/** The API keys sub-app, mounted at `/v1/api-keys`. */
export const apiKeyRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create an API key (shown once)",
      responses: { 201: jsonResponse(CreatedApiKey, "The key, shown this once"), ...problems(400, 403, 422) },
    }),
    requires("api-keys", "write"),
    body(NewApiKey),
    (c) => {
      c.header("Cache-Control", "no-store")
      return respond(
        c,
        Effect.flatMap(ApiKeys, (k) => k.create(c.var.principal.id, c.req.valid("json"))),
        CreatedApiKey,
        201,
      )
    },
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List API keys (never the keys)",
      responses: { 200: jsonResponse(ApiKeyPage, "A page of keys") },
    }),
    requires("api-keys", "read"),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(ApiKeys, (k) => k.list(c.req.valid("query"))),
        ApiKeyPage,
      ),
  )
  .delete(
    "/:id",
    describeRoute({
      tags,
      summary: "Revoke an API key; it stops working at once",
      responses: { 200: jsonResponse(ApiKey, "The revoked key"), ...problems(404) },
    }),
    requires("api-keys", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(ApiKeys, (k) => k.revoke(c.var.principal.id, c.req.valid("param").id)),
        ApiKey,
      ),
  )
