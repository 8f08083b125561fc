/**
 * `/v1/webhook-endpoints`, `/v1/webhook-deliveries` and `/v1/outbox`: where Coordina sends its
 * events, what it sent, and the messages waiting to go. An admin's alone: API keys cannot reach
 * them (the `webhooks` family has no scope). An endpoint's secret is shown once, when created.
 * @module
 */
import { Webhooks } from "@coordina/app"
import {
  CreatedWebhookEndpoint,
  NewWebhookEndpoint,
  OutboxMessage,
  OutboxPage,
  OutboxStatus,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointPage,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const OutboxQuery = Schema.Struct({ ...PageQuery.fields, status: Schema.optional(OutboxStatus) })
const tags = ["webhooks"]

/** The endpoints sub-app, mounted at `/v1/webhook-endpoints`. */
export const webhookEndpointRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Register a webhook endpoint (its secret is shown once)",
      responses: {
        201: jsonResponse(CreatedWebhookEndpoint, "The endpoint and its secret, shown this once"),
        ...problems(400, 403, 422),
      },
    }),
    requires("webhooks", "write"),
    body(NewWebhookEndpoint),
    (c) => {
      c.header("Cache-Control", "no-store")
      return respond(
        c,
        Effect.flatMap(Webhooks, (w) => w.create(c.var.principal.id, c.req.valid("json"))),
        CreatedWebhookEndpoint,
        201,
      )
    },
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List webhook endpoints (never their secrets)",
      responses: { 200: jsonResponse(WebhookEndpointPage, "A page of endpoints"), ...problems(403) },
    }),
    requires("webhooks", "read"),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Webhooks, (w) => w.list(c.req.valid("query"))),
        WebhookEndpointPage,
      ),
  )
  .delete(
    "/:id",
    describeRoute({
      tags,
      summary: "Remove a webhook endpoint; nothing more is sent to it",
      responses: { 200: jsonResponse(WebhookEndpoint, "The removed endpoint"), ...problems(403, 404) },
    }),
    requires("webhooks", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(Webhooks, (w) => w.remove(c.var.principal.id, c.req.valid("param").id)),
        WebhookEndpoint,
      ),
  )
  .get(
    "/:id/deliveries",
    describeRoute({
      tags,
      summary: "An endpoint's delivery log, newest first",
      responses: { 200: jsonResponse(WebhookDeliveryPage, "A page of deliveries"), ...problems(403, 404) },
    }),
    requires("webhooks", "read"),
    params(IdParam),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(Webhooks, (w) => w.deliveries(c.req.valid("param").id, c.req.valid("query"))),
        WebhookDeliveryPage,
      ),
  )

/** The deliveries sub-app, mounted at `/v1/webhook-deliveries`. */
export const webhookDeliveryRoutes = new Hono<AppEnv>().post(
  "/:id/retry",
  describeRoute({
    tags,
    summary: "Send a delivery again (same webhook-id, a fresh retry schedule)",
    responses: { 200: jsonResponse(OutboxMessage, "The message, due now"), ...problems(403, 404) },
  }),
  requires("webhooks", "write"),
  params(IdParam),
  (c) =>
    respond(
      c,
      Effect.flatMap(Webhooks, (w) => w.retry(c.var.principal.id, c.req.valid("param").id)),
      OutboxMessage,
    ),
)

/** The outbox sub-app, mounted at `/v1/outbox`. */
export const outboxRoutes = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    tags,
    summary: "Messages and deliveries with their state, newest first",
    responses: { 200: jsonResponse(OutboxPage, "A page of messages"), ...problems(400, 403) },
  }),
  requires("webhooks", "read"),
  query(OutboxQuery),
  (c) => {
    const { status, ...page } = c.req.valid("query")
    return respond(
      c,
      Effect.flatMap(Webhooks, (w) => w.outbox(status, page)),
      OutboxPage,
    )
  },
)
