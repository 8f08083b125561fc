/**
 * Publishing to the outbox. A use case calls `publish` (or `sendEmail`) inside the transaction
 * of its change, so a message exists exactly when the change committed: nothing is sent for a
 * change that rolled back, nothing lost for one that committed. The worker delivers.
 * @module
 */
import { type WebhookEventType, webhookEventData } from "@coordina/domain"
import { OutboxRepository, WebhookEndpointsRepository } from "@coordina/store"
import { Context, Effect, Layer, Schema } from "effect"
import { EmailMessage } from "./EmailSender.js"
import { Ids } from "./Ids.js"
import { Today } from "./Today.js"

/**
 * What an event of type `T` carries (the domain's `webhookEventData`): ids, pseudonyms, dates,
 * codes; never a name or any other personal data (api.md).
 */
export type EventData<T extends WebhookEventType> = (typeof webhookEventData)[T]["Type"]

const encodeEmail = Schema.encodeSync(EmailMessage)

/** The `data` of a `task.*` event: the task's ids, area and due date (api.md). */
export const taskEventData = (t: {
  readonly id: string
  readonly agreementId: string
  readonly institutionId: string
  readonly area: string
  readonly dueDate: string
}): EventData<"task.created"> => ({
  taskId: t.id,
  agreementId: t.agreementId,
  institutionId: t.institutionId,
  area: t.area,
  dueDate: t.dueDate,
})

const make = Effect.gen(function* () {
  const outbox = yield* OutboxRepository
  const endpoints = yield* WebhookEndpointsRepository
  const ids = yield* Ids
  const today = yield* Today

  const publishMany = Effect.fn("Outbox.publishMany")(function* <T extends WebhookEventType>(
    eventType: T,
    events: ReadonlyArray<EventData<T>>,
  ) {
    if (events.length === 0) return
    const subscribed = yield* endpoints.subscribedTo(eventType)
    if (subscribed.length === 0) return
    // Encoding through the event's schema keeps only its fields: nothing else can slip out.
    const encode = Schema.encodeSync(webhookEventData[eventType] as Schema.Schema<unknown, unknown>)
    const createdAt = yield* today.nowIso
    const messages = []
    for (const data of events) {
      const payload = JSON.stringify({ type: eventType, timestamp: createdAt, data: encode(data) })
      for (const endpoint of subscribed)
        messages.push({
          id: yield* ids.next("msg"),
          channel: "webhook" as const,
          endpointId: endpoint.id,
          eventType,
          payload,
          createdAt,
        })
    }
    yield* outbox.enqueue(messages)
  })

  /**
   * Enqueues one webhook message per live endpoint subscribed to `eventType`; call it inside the
   * change's transaction. Each endpoint's message has its own `webhook-id`.
   */
  const publish = <T extends WebhookEventType>(eventType: T, data: EventData<T>) =>
    publishMany(eventType, [data])

  /**
   * Enqueues one rendered e-mail; call it inside the change's transaction. `kind` names what it
   * is (`task.created`, `digest`, `registration.confirmed`, …) and is what the outbox lists.
   */
  const sendEmail = Effect.fn("Outbox.sendEmail")(function* (kind: string, message: EmailMessage) {
    const createdAt = yield* today.nowIso
    const id = yield* ids.next("msg")
    yield* outbox.enqueue([
      { id, channel: "email", eventType: kind, payload: JSON.stringify(encodeEmail(message)), createdAt },
    ])
    return id
  })

  return {
    publish,
    /** Like `publish`, for many events of one type (a sheet's attendance), asking for endpoints once. */
    publishMany,
    sendEmail,
  } as const
})

/** Writes webhook deliveries and e-mails to the outbox, in the caller's transaction. */
export class Outbox extends Context.Tag("@coordina/app/Outbox")<
  Outbox,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the ids and the clock. */
  static readonly layer = Layer.effect(Outbox, make)
}
