/**
 * Queries and calls for webhooks and the outbox (admin): endpoints, each endpoint's deliveries,
 * sending a delivery again, and the outbox by status. Every answer is decoded with the domain's
 * schema; each resource has one key factory.
 */
import {
  CreatedWebhookEndpoint,
  type NewWebhookEndpoint,
  OutboxMessage,
  OutboxPage,
  type OutboxStatus,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointPage,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, idempotent, queryString, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of webhook endpoints and their deliveries. */
export const webhookKeys = resourceKeys("webhooks")
/** The query keys of the outbox. */
export const outboxKeys = resourceKeys("outbox")

/** Every webhook endpoint (never a secret). */
export const webhookEndpointsQuery = () =>
  queryOptions({
    queryKey: webhookKeys.list(),
    queryFn: () => api("/v1/webhook-endpoints?limit=500", { schema: WebhookEndpointPage }),
  })

/** The latest deliveries of one endpoint. */
export const webhookDeliveriesQuery = (endpointId: string) =>
  queryOptions({
    queryKey: webhookKeys.one(endpointId, "deliveries"),
    queryFn: () =>
      api(`/v1/webhook-endpoints/${seg(endpointId)}/deliveries?limit=100`, { schema: WebhookDeliveryPage }),
  })

/** Creates an endpoint; the answer carries its secret, shown this once. */
export const createWebhookEndpoint = (endpoint: typeof NewWebhookEndpoint.Encoded) =>
  api("/v1/webhook-endpoints", {
    method: "POST",
    body: endpoint,
    headers: idempotent(),
    schema: CreatedWebhookEndpoint,
  })

/** Removes an endpoint: nothing more is sent to it. */
export const deleteWebhookEndpoint = (id: string) =>
  api(`/v1/webhook-endpoints/${seg(id)}`, { method: "DELETE", schema: WebhookEndpoint })

/** Sends a delivery again, with the same `webhook-id`. */
export const retryWebhookDelivery = (id: string) =>
  api(`/v1/webhook-deliveries/${seg(id)}/retry`, { method: "POST", schema: OutboxMessage })

/** The outbox's latest messages, of one status or all. */
export const outboxQuery = (status: OutboxStatus | undefined) =>
  queryOptions({
    queryKey: outboxKeys.list({ status }),
    queryFn: () => api(`/v1/outbox${queryString({ status, limit: 200 })}`, { schema: OutboxPage }),
  })
