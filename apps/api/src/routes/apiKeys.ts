/**
 * `/v1/api-keys`: integrators' keys, managed by admins. A key is shown once, when created; only
 * its hash is kept; revoking stops it at once.
 * @module
 */
import { ApiKey, CreatedApiKey, NewApiKey, ApiKeyPage } from "@coordina/domain"
import { ApiKeysRepository, AuditLog } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { transaction } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import { hashToken, newApiKey } from "../http/Auth.js"
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
      responses: { 201: jsonResponse(CreatedApiKey, "The key, shown this once"), ...problems(400, 403) },
    }),
    requires("api-keys", "write"),
    body(NewApiKey),
    (c) => {
      const key = newApiKey()
      c.header("Cache-Control", "no-store")
      return respond(
        c,
        transaction(
          Effect.gen(function* () {
            const created = yield* (yield* ApiKeysRepository).create(
              c.req.valid("json"),
              hashToken(key),
              c.var.principal.id,
            )
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "create",
              entity: `api_key:${created.id}`,
              after: Schema.encodeSync(ApiKey)(created),
            })
            return { ...created, key }
          }),
        ),
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
      respond(c, ApiKeysRepository.pipe(Effect.flatMap((k) => k.list(c.req.valid("query")))), ApiKeyPage),
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
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const { before, after } = yield* (yield* ApiKeysRepository).revoke(id)
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "revoke",
              entity: `api_key:${id}`,
              before: Schema.encodeSync(ApiKey)(before),
              after: Schema.encodeSync(ApiKey)(after),
            })
            return after
          }),
        ),
        ApiKey,
      ),
  )
