/**
 * Webhook endpoints. The secret is stored to sign deliveries and never leaves the repository in
 * an endpoint as listed; a removed endpoint is marked, not deleted, and no longer listed.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { type NewWebhookEndpoint, WebhookEndpoint, WebhookEndpointNotFound } from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { json, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decodeEndpoint = Schema.decodeUnknownSync(WebhookEndpoint)

const toEndpoint = (r: Record<string, unknown>): WebhookEndpoint =>
  decodeEndpoint({
    id: r.id,
    url: r.url,
    eventTypes: json(r.eventTypes),
    ...opt("description", r.description),
    createdAt: r.createdAt,
  })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const nowIso = DateTime.now.pipe(Effect.map((d) => new Date(DateTime.toEpochMillis(d)).toISOString()))

  const get = Effect.fn("WebhookEndpointsRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM webhook_endpoints WHERE id = ${id} AND deleted_at IS NULL`.pipe(
      Effect.orDie,
    )
    if (!rows[0]) return yield* new WebhookEndpointNotFound({ webhookEndpointId: id })
    return toEndpoint(rows[0])
  })

  /** Stores a new endpoint with the secret that signs its deliveries. */
  const create = Effect.fn("WebhookEndpointsRepository.create")(function* (
    input: NewWebhookEndpoint,
    secret: string,
  ) {
    const id = newId("whe")
    yield* sql`INSERT INTO webhook_endpoints ${sql.insert({
      id,
      url: input.url,
      eventTypes: JSON.stringify(input.eventTypes),
      description: input.description ?? null,
      secret,
      createdAt: yield* nowIso,
      deletedAt: null,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  const list = Effect.fn("WebhookEndpointsRepository.list")(function* (options: PageRequest) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM webhook_endpoints
      WHERE deleted_at IS NULL AND ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(rows.map(toEndpoint), limit) satisfies Page<WebhookEndpoint>
  })

  /** Removes an endpoint: it is no longer listed or sent to. */
  const remove = Effect.fn("WebhookEndpointsRepository.remove")(function* (id: string) {
    const before = yield* get(id)
    yield* sql`UPDATE webhook_endpoints SET deleted_at = ${yield* nowIso} WHERE id = ${id}`.pipe(Effect.orDie)
    return before
  })

  /**
   * The live endpoints subscribed to `eventType`. Endpoints are few (an admin registers each),
   * so the JSON list is filtered here rather than in dialect-specific SQL.
   */
  const subscribedTo = Effect.fn("WebhookEndpointsRepository.subscribedTo")(function* (eventType: string) {
    const rows = yield* sql`SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY id`.pipe(
      Effect.orDie,
    )
    return rows.map(toEndpoint).filter((e) => (e.eventTypes as ReadonlyArray<string>).includes(eventType))
  })

  /** Where and with which secret to send an endpoint's deliveries; none once it is removed. */
  const target = Effect.fn("WebhookEndpointsRepository.target")(function* (id: string) {
    const rows =
      yield* sql`SELECT url, secret FROM webhook_endpoints WHERE id = ${id} AND deleted_at IS NULL`.pipe(
        Effect.orDie,
      )
    const r = rows[0]
    return r ? Option.some({ url: String(r.url), secret: String(r.secret) }) : Option.none()
  })

  return { get, create, list, remove, subscribedTo, target } as const
})

/** Stores webhook endpoints. */
export class WebhookEndpointsRepository extends Context.Tag("@coordina/store/WebhookEndpointsRepository")<
  WebhookEndpointsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(WebhookEndpointsRepository, make)
}
