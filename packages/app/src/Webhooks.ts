/**
 * Webhook endpoints, their delivery logs and the outbox, for admins. An endpoint's URL must be
 * http(s) and not a private, loopback or link-local address (unless `allowPrivate`, for
 * development); its secret is shown once, when created. Creating and removing are audited in
 * the same transaction.
 * @module
 */
import {
  type NewWebhookEndpoint,
  OutboxMessageNotFound,
  type OutboxStatus,
  WebhookEndpoint,
  webhookUrlProblem,
  WebhookUrlRefused,
} from "@coordina/domain"
import { AuditLog, OutboxRepository, type PageRequest, WebhookEndpointsRepository } from "@coordina/store"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"
import { newWebhookSecret } from "./WebhookSignature.js"

/** How webhooks are configured: whether private addresses may receive them (`COORDINA_WEBHOOK_ALLOW_PRIVATE`). */
export class WebhookSettings extends Context.Reference<WebhookSettings>()("@coordina/app/WebhookSettings", {
  defaultValue: () => ({ allowPrivate: false }),
}) {}

const encode = Schema.encodeSync(WebhookEndpoint)

const make = Effect.gen(function* () {
  const endpoints = yield* WebhookEndpointsRepository
  const outbox = yield* OutboxRepository
  const audit = yield* AuditLog
  const today = yield* Today
  const settings = yield* WebhookSettings

  /** Registers an endpoint; the answer carries its secret, this once. */
  const create = Effect.fn("Webhooks.create")(function* (actor: string, input: NewWebhookEndpoint) {
    const problem = webhookUrlProblem(input.url, settings.allowPrivate)
    if (problem !== undefined) {
      const message = `url cannot receive webhooks: ${problem}.`
      return yield* new WebhookUrlRefused({ errors: [{ path: "url", message }], message })
    }
    const secret = newWebhookSecret()
    return yield* transaction(
      Effect.gen(function* () {
        const created = yield* endpoints.create(input, secret)
        yield* audit.record({
          actor,
          action: "create",
          entity: `webhook_endpoint:${created.id}`,
          after: encode(created),
        })
        return { ...created, secret }
      }),
    )
  })

  /** Removes an endpoint: nothing more is sent to it; its delivery log stays. */
  const remove = Effect.fn("Webhooks.remove")(function* (actor: string, id: string) {
    return yield* transaction(
      Effect.gen(function* () {
        const before = yield* endpoints.remove(id)
        yield* audit.record({
          actor,
          action: "delete",
          entity: `webhook_endpoint:${id}`,
          before: encode(before),
        })
        return before
      }),
    )
  })

  /** An endpoint's delivery log, newest first. */
  const deliveries = Effect.fn("Webhooks.deliveries")(function* (id: string, page: PageRequest) {
    yield* endpoints.get(id)
    return yield* outbox.deliveriesFor(id, page)
  })

  /** Sends a message again, with the same `webhook-id`, on a fresh schedule (audited). */
  const retry = Effect.fn("Webhooks.retry")(function* (actor: string, id: string) {
    const now = yield* today.nowIso
    return yield* transaction(
      Effect.gen(function* () {
        const retried = yield* outbox.retry(id, now)
        if (Option.isNone(retried)) return yield* new OutboxMessageNotFound({ messageId: id })
        yield* audit.record({ actor, action: "retry", entity: `outbox_message:${id}` })
        return retried.value
      }),
    )
  })

  return {
    create,
    remove,
    deliveries,
    retry,
    /** A page of endpoints, never their secrets. */
    list: (page: PageRequest) => endpoints.list(page),
    /** A page of the outbox, newest first, of one status or all. */
    outbox: (status: OutboxStatus | undefined, page: PageRequest) => outbox.list(status, page),
  } as const
})

/** The webhook endpoints and the outbox, for admins. */
export class Webhooks extends Context.Tag("@coordina/app/Webhooks")<
  Webhooks,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the clock and the webhook settings. */
  static readonly layer = Layer.effect(Webhooks, make)
}
