/**
 * Webhook endpoints: where Coordina sends its events, signed per the Standard Webhooks
 * specification. Only the URL rule lives here; signing needs HMAC, which the domain (effect only)
 * does not have, so it is in `@coordina/app`.
 * @module
 */
import { Schema } from "effect"
import { Instant } from "./ApiKey.js"
import { idMaxLength } from "./Text.js"

/** Opaque identifier of a webhook endpoint. */
export const WebhookEndpointId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("WebhookEndpointId"),
  Schema.annotations({ identifier: "WebhookEndpointId" }),
)
/** Opaque identifier of a webhook endpoint. */
export type WebhookEndpointId = typeof WebhookEndpointId.Type

/** The event types an endpoint may subscribe to (api.md, "Notifications and webhooks"). */
export const webhookEventTypes = [
  "agreement.transitioned",
  "task.created",
  "task.accepted",
  "task.rejected",
  "task.completed",
  "task.overdue",
  "participation.attended",
  "person.merged",
  "report.ready",
] as const

/** One event type an endpoint may subscribe to. */
export const WebhookEventType = Schema.Literal(...webhookEventTypes).annotations({
  identifier: "WebhookEventType",
})
/** One event type an endpoint may subscribe to. */
export type WebhookEventType = typeof WebhookEventType.Type

/** What an admin sends to create an endpoint. */
export class NewWebhookEndpoint extends Schema.Class<NewWebhookEndpoint>("NewWebhookEndpoint")({
  url: Schema.Trim.pipe(Schema.minLength(1), Schema.maxLength(2000)),
  eventTypes: Schema.Array(WebhookEventType).pipe(
    Schema.minItems(1),
    Schema.maxItems(webhookEventTypes.length),
  ),
  description: Schema.optional(Schema.Trim.pipe(Schema.maxLength(500))),
}) {}

/** An endpoint as listed: never its secret. */
export class WebhookEndpoint extends Schema.Class<WebhookEndpoint>("WebhookEndpoint")({
  id: WebhookEndpointId,
  url: Schema.String,
  eventTypes: Schema.Array(WebhookEventType),
  description: Schema.optional(Schema.String),
  createdAt: Instant,
}) {}

/** The answer to creating an endpoint: the only time its secret is shown. */
export const CreatedWebhookEndpoint = Schema.Struct({
  ...WebhookEndpoint.fields,
  secret: Schema.String.annotations({ description: "`whsec_` + base64, shown this once" }),
}).annotations({ identifier: "CreatedWebhookEndpoint" })

/** A page of endpoints, as `GET /v1/webhook-endpoints` answers it. */
export const WebhookEndpointPage = Schema.Struct({
  items: Schema.Array(WebhookEndpoint),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "WebhookEndpointPage" })

/** The URL cannot receive webhooks: not http(s), or a private or loopback address. */
export class WebhookUrlRefused extends Schema.TaggedError<WebhookUrlRefused>()("WebhookUrlRefused", {
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
  message: Schema.String,
}) {}

/** No endpoint has the given id. */
export class WebhookEndpointNotFound extends Schema.TaggedError<WebhookEndpointNotFound>()(
  "WebhookEndpointNotFound",
  { webhookEndpointId: Schema.String },
) {}

const ipv4 = (host: string): ReadonlyArray<number> | undefined => {
  const parts = host.split(".")
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined
  const n = parts.map(Number)
  return n.every((x) => x <= 255) ? n : undefined
}

const privateIpv4 = ([a, b]: ReadonlyArray<number>): boolean =>
  a === 0 ||
  a === 10 ||
  a === 127 ||
  (a === 169 && b === 254) ||
  (a === 172 && b !== undefined && b >= 16 && b <= 31) ||
  (a === 192 && b === 168)

// Only literal addresses are judged: a name's resolution can change after the check, so the
// sender must check again when it connects.
const privateIpv6 = (host: string): boolean => {
  const h = host.toLowerCase()
  if (h === "::1" || h === "::") return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
  if (mapped?.[1]) {
    const v4 = ipv4(mapped[1])
    return v4 === undefined || privateIpv4(v4)
  }
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(h)) return true
  return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h)
}

/**
 * Why `url` cannot receive webhooks, or `undefined` when it can: only http and https, and no
 * loopback, link-local or private literal address unless `allowPrivate` (for development).
 */
export const webhookUrlProblem = (url: string, allowPrivate: boolean): string | undefined => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return "not a URL"
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "only http and https URLs"
  if (parsed.username !== "" || parsed.password !== "") return "no credentials in the URL"
  if (allowPrivate) return undefined
  const host = parsed.hostname.replace(/^\[|\]$/g, "")
  const v4 = ipv4(host)
  if ((v4 !== undefined && privateIpv4(v4)) || (host.includes(":") && privateIpv6(host)))
    return "a private, loopback or link-local address"
  if (host.toLowerCase() === "localhost" || host.toLowerCase().endsWith(".localhost"))
    return "a loopback address"
  return undefined
}
