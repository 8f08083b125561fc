/**
 * The outbox: every webhook delivery and e-mail, written in the same transaction as the change
 * that causes it and delivered afterwards by the worker. Here are its states and the retry
 * schedule; the table and the claim are in `@coordina/store`.
 * @module
 */
import { Schema } from "effect"
import { Instant } from "./ApiKey.js"
import { idMaxLength } from "./Text.js"
import { WebhookEventType } from "./Webhook.js"

/** A message's id, the `webhook-id` of every try of it: `msg_…`. */
export const OutboxMessageId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("OutboxMessageId"),
  Schema.annotations({ identifier: "OutboxMessageId" }),
)
/** A message's id, the `webhook-id` of every try of it: `msg_…`. */
export type OutboxMessageId = typeof OutboxMessageId.Type

/** How a message leaves: a signed webhook POST, or an e-mail. */
export const OutboxChannel = Schema.Literal("webhook", "email").annotations({ identifier: "OutboxChannel" })
/** How a message leaves: a signed webhook POST, or an e-mail. */
export type OutboxChannel = typeof OutboxChannel.Type

/** The states of api.md: waiting (or retrying), delivered, given up, or no SMTP to send it with. */
export const outboxStatuses = ["pending", "delivered", "failed", "not_configured"] as const

/** A message's state. */
export const OutboxStatus = Schema.Literal(...outboxStatuses).annotations({ identifier: "OutboxStatus" })
/** A message's state. */
export type OutboxStatus = typeof OutboxStatus.Type

/**
 * The waits after each failed try, in seconds (api.md): 5 s, 30 s, 2 min, 10 min, 30 min, 1 h,
 * 2 h, 6 h. After the try that follows the last wait fails, the message is `failed`.
 */
export const retryDelaysSeconds: ReadonlyArray<number> = [5, 30, 120, 600, 1800, 3600, 7200, 21600]

/** How many tries a message gets in all: the first and one after each wait. */
export const maxAttempts = retryDelaysSeconds.length + 1

/** What to do after a failed try. */
export type RetryDecision =
  | { readonly _tag: "retry"; readonly delayMs: number }
  | { readonly _tag: "give_up" }

/**
 * After the `attempts`-th try failed (1 for the first), when to try again, or to give up.
 * `random` is a number in [0, 1); the wait is the scheduled one ±20 %, so that messages that
 * failed together (an endpoint that was down) do not all come back in the same second.
 */
export const nextRetry = (attempts: number, random: number): RetryDecision => {
  const base = retryDelaysSeconds[Math.max(attempts, 1) - 1]
  if (base === undefined) return { _tag: "give_up" }
  const r = Math.min(Math.max(random, 0), 1)
  return { _tag: "retry", delayMs: Math.round(base * 1000 * (0.8 + 0.4 * r)) }
}

/** The envelope of a webhook delivery's body: `{ type, timestamp, data }`. */
export const WebhookPayload = Schema.Struct({
  type: WebhookEventType,
  timestamp: Instant,
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
    description: "ids and pseudonyms only, never a name or other personal data",
  }),
}).annotations({ identifier: "WebhookPayload" })
/** The envelope of a webhook delivery's body. */
export type WebhookPayload = typeof WebhookPayload.Type

/** One message as the outbox lists it (`GET /v1/outbox`) and a delivery log shows it. */
export class OutboxMessage extends Schema.Class<OutboxMessage>("OutboxMessage")({
  id: OutboxMessageId,
  channel: OutboxChannel,
  endpointId: Schema.optional(Schema.String),
  eventType: Schema.String,
  status: OutboxStatus,
  attempts: Schema.Number,
  lastStatus: Schema.optional(Schema.Number.annotations({ description: "the last HTTP status answered" })),
  lastError: Schema.optional(Schema.String),
  nextAttemptAt: Schema.optional(Instant),
  createdAt: Instant,
  deliveredAt: Schema.optional(Instant),
}) {}

/** One entry of an endpoint's delivery log (api.md): `id` is the message's `webhook-id`. */
export const WebhookDelivery = Schema.Struct({
  id: OutboxMessageId,
  eventType: Schema.String,
  status: OutboxStatus,
  attempts: Schema.Number,
  lastStatus: Schema.optional(Schema.Number),
  lastError: Schema.optional(Schema.String),
  nextAttemptAt: Schema.optional(Instant),
}).annotations({ identifier: "WebhookDelivery" })
/** One entry of an endpoint's delivery log. */
export type WebhookDelivery = typeof WebhookDelivery.Type

/** A page of an endpoint's delivery log. */
export const WebhookDeliveryPage = Schema.Struct({
  items: Schema.Array(WebhookDelivery),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "WebhookDeliveryPage" })

/** A page of the outbox. */
export const OutboxPage = Schema.Struct({
  items: Schema.Array(OutboxMessage),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "OutboxPage" })

/** No outbox message has the given id. */
export class OutboxMessageNotFound extends Schema.TaggedError<OutboxMessageNotFound>()(
  "OutboxMessageNotFound",
  { messageId: Schema.String },
) {}

const id = Schema.String
const day = Schema.String.annotations({ jsonSchema: { type: "string", format: "date" } })

/** `task.*`: the task and where it stands; api.md gives `task.created`'s shape. */
export const TaskEventData = Schema.Struct({
  taskId: id,
  agreementId: id,
  institutionId: id,
  area: Schema.String,
  dueDate: day,
}).annotations({ identifier: "TaskEventData" })

/** `agreement.transitioned`: the event that moved the agreement and its state after it. */
export const AgreementTransitionedData = Schema.Struct({
  agreementId: id,
  event: Schema.String.annotations({
    description: "intent_declared, matched, concluded, extended, terminated, closed",
  }),
  from: Schema.String,
  to: Schema.String,
  version: Schema.Number,
}).annotations({ identifier: "AgreementTransitionedData" })

/** `participation.attended`: the days a person is recorded as attending. */
export const ParticipationAttendedData = Schema.Struct({
  participationId: id,
  eventId: id,
  personId: id,
  attendedDays: Schema.Array(day),
}).annotations({ identifier: "ParticipationAttendedData" })

/** `person.merged`: the record merged away and the one it now belongs to. */
export const PersonMergedData = Schema.Struct({ personId: id, intoPersonId: id }).annotations({
  identifier: "PersonMergedData",
})

/** `report.ready`: a generated report version. */
export const ReportReadyData = Schema.Struct({
  reportId: id,
  projectId: id,
  kind: Schema.String,
  periodStart: day,
  periodEnd: day,
  version: Schema.Number,
}).annotations({ identifier: "ReportReadyData" })

/** The `data` of each event type, as the OpenAPI document's `webhooks` describe it. */
export const webhookEventData = {
  "agreement.transitioned": AgreementTransitionedData,
  "task.created": TaskEventData,
  "task.accepted": TaskEventData,
  "task.rejected": TaskEventData,
  "task.completed": TaskEventData,
  "task.overdue": TaskEventData,
  "participation.attended": ParticipationAttendedData,
  "person.merged": PersonMergedData,
  "report.ready": ReportReadyData,
} as const
