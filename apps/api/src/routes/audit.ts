/**
 * `GET /v1/audit`: the append-only audit log, for admins and auditors (and `audit:read` keys).
 * @module
 */
import { Audit } from "@coordina/app"
import { AuditFilter, AuditPage } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { query } from "../http/Validate.js"

const AuditQuery = Schema.Struct({ ...AuditFilter.fields, ...PageQuery.fields })

/** The audit sub-app, mounted at `/v1/audit`. */
export const auditRoutes = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    tags: ["access"],
    summary: "Read the audit log, by entity, actor and action",
    responses: {
      200: jsonResponse(AuditPage, "A page of entries, oldest first unless `order=newest`"),
      ...problems(400, 403),
    },
  }),
  requires("audit", "read"),
  query(AuditQuery),
  (c) => {
    const { limit, cursor, ...filter } = c.req.valid("query")
    return respond(
      c,
      Effect.flatMap(Audit, (a) => a.list(filter, { limit, cursor })),
      AuditPage,
    )
  },
)
