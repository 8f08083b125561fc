/**
 * Delivering the outbox: claim due messages, send each, record how it went. A webhook is a POST
 * signed per Standard Webhooks, with the same `webhook-id` on every try; a 2xx answer is a
 * delivery, anything else (or no answer within the timeout) is tried again on the domain's
 * schedule, and after the last try the message is kept as `failed`. An e-mail goes through
 * `EmailSender`; without SMTP it is kept as `not_configured`.
 *
 * The URL was checked when the endpoint was registered, but a name can resolve to another
 * address later (DNS rebinding): the address is checked again at the moment of connecting, in
 * the socket's own lookup, so the address checked is the address used. That is why this uses
 * `node:http` rather than `fetch`, whose resolution cannot be hooked without another library.
 * @module
 */
import type { LookupAddress } from "node:dns"
import { lookup } from "node:dns"
import { request as httpRequest, type RequestOptions } from "node:http"
import { request as httpsRequest } from "node:https"
import { EmailMessage, EmailSender, webhookSignature } from "@coordina/app"
import { nextRetry, webhookUrlProblem } from "@coordina/domain"
import {
  type ClaimedMessage,
  OutboxRepository,
  type TryOutcome,
  WebhookEndpointsRepository,
} from "@coordina/store"
import { Clock, Effect, Option, Schema } from "effect"

/** How a worker delivers. */
export interface DeliveryOptions {
  /** Names the worker in claims. */
  readonly worker: string
  /** Messages claimed at once (and sent side by side). */
  readonly batch: number
  /** How long a claim holds; longer than the timeout, so a live worker keeps its messages. */
  readonly leaseSeconds: number
  /** How long one webhook POST may take, in milliseconds (10 s by default). */
  readonly timeoutMs?: number
  /** Whether private, loopback and link-local addresses may receive webhooks (development). */
  readonly allowPrivate: boolean
}

/** The answer to one POST: an HTTP status, or why there was none. */
type PostOutcome = { readonly status: number } | { readonly error: string }

const literal = (address: string, family: number) => (family === 6 ? `[${address}]` : address)

/**
 * A DNS lookup that refuses a name resolving to an address webhooks may not go to. Node calls
 * it with `all` set or not, depending on how the socket connects; both are answered.
 */
const guardedLookup =
  (allowPrivate: boolean): RequestOptions["lookup"] =>
  (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: ReadonlyArray<LookupAddress>) => {
      if (error) return (callback as (e: Error) => void)(error)
      if (!allowPrivate)
        for (const a of addresses) {
          const problem = webhookUrlProblem(`http://${literal(a.address, a.family)}/`, false)
          if (problem !== undefined)
            return (callback as (e: Error) => void)(
              new Error(`${hostname} resolves to ${a.address}: ${problem}`),
            )
        }
      const first = addresses[0]
      if (!first) return (callback as (e: Error) => void)(new Error(`${hostname} has no address`))
      if ((options as { all?: boolean }).all)
        return (callback as (e: null, a: typeof addresses) => void)(null, addresses)
      return (callback as (e: null, a: string, f: number) => void)(null, first.address, first.family)
    })
  }

/** POSTs `body` to `url`, answering within `timeoutMs` whatever the receiver does. */
const post = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<PostOutcome> =>
  new Promise((resolve) => {
    const parsed = new URL(url)
    const send = parsed.protocol === "https:" ? httpsRequest : httpRequest
    let settled = false
    const done = (outcome: PostOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(outcome)
    }
    const req = send(
      parsed,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        lookup: guardedLookup(allowPrivate),
      },
      (res) => {
        // The body is not kept; it is read so the connection can close cleanly.
        res.resume()
        res.on("end", () => done({ status: res.statusCode ?? 0 }))
        res.on("error", () => done({ status: res.statusCode ?? 0 }))
      },
    )
    const timer = setTimeout(() => {
      req.destroy()
      done({ error: `no answer within ${timeoutMs} ms` })
    }, timeoutMs)
    req.on("error", (e) => done({ error: e.message }))
    req.end(body)
  })

const decodeEmail = Schema.decodeUnknownSync(Schema.parseJson(EmailMessage))

/** Claims up to a batch of due messages and delivers them; how many it claimed. */
export const deliverDue = Effect.fn("OutboxDelivery.deliverDue")(function* (options: DeliveryOptions) {
  const outbox = yield* OutboxRepository
  const endpoints = yield* WebhookEndpointsRepository
  const email = yield* EmailSender
  const iso = (ms: number) => new Date(ms).toISOString()
  const now = yield* Clock.currentTimeMillis
  const claimed = yield* outbox.claimDue(options.worker, options.batch, options.leaseSeconds, iso(now))

  const failed = (m: ClaimedMessage, outcome: TryOutcome) =>
    Effect.gen(function* () {
      const decision = nextRetry(m.attempts, Math.random())
      if (decision._tag === "give_up") {
        yield* outbox.markFailed(m.id, options.worker, outcome)
        yield* Effect.logWarning(
          `outbox ${m.id}: failed after ${m.attempts} tries (${outcome.lastError ?? outcome.lastStatus})`,
        )
        return
      }
      const at = (yield* Clock.currentTimeMillis) + decision.delayMs
      yield* outbox.markRetry(m.id, options.worker, iso(at), outcome)
    })

  const webhook = (m: ClaimedMessage) =>
    Effect.gen(function* () {
      const target = m.endpointId ? yield* endpoints.target(m.endpointId) : Option.none()
      if (Option.isNone(target))
        return yield* outbox.markFailed(m.id, options.worker, { lastError: "the endpoint was removed" })
      const { url, secret } = target.value
      const problem = webhookUrlProblem(url, options.allowPrivate)
      if (problem !== undefined) return yield* failed(m, { lastError: `refused: ${problem}` })
      const timestamp = Math.floor((yield* Clock.currentTimeMillis) / 1000)
      const headers = {
        "webhook-id": m.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": webhookSignature(secret, m.id, timestamp, m.payload),
        "user-agent": "Coordina-Webhooks/1",
      }
      const outcome = yield* Effect.promise(() =>
        post(url, headers, m.payload, options.timeoutMs ?? 10_000, options.allowPrivate),
      )
      if ("status" in outcome && outcome.status >= 200 && outcome.status < 300)
        return yield* outbox.markDelivered(m.id, options.worker, iso(yield* Clock.currentTimeMillis), {
          lastStatus: outcome.status,
        })
      return yield* failed(
        m,
        "status" in outcome
          ? { lastStatus: outcome.status, lastError: `HTTP ${outcome.status}` }
          : { lastError: outcome.error },
      )
    })

  const mail = (m: ClaimedMessage) =>
    Effect.gen(function* () {
      const message = yield* Effect.try(() => decodeEmail(m.payload)).pipe(Effect.option)
      if (Option.isNone(message))
        return yield* outbox.markFailed(m.id, options.worker, {
          lastError: "the stored e-mail cannot be read",
        })
      const sent = yield* email.send(message.value).pipe(Effect.either)
      if (sent._tag === "Left") return yield* failed(m, { lastError: sent.left.reason })
      if (sent.right === "not_configured") return yield* outbox.markNotConfigured(m.id, options.worker)
      return yield* outbox.markDelivered(m.id, options.worker, iso(yield* Clock.currentTimeMillis))
    })

  yield* Effect.forEach(
    claimed,
    (m) =>
      (m.channel === "webhook" ? webhook(m) : mail(m)).pipe(
        // One message's defect must not stop the others; its lease runs out and it is tried again.
        Effect.catchAllDefect((defect) => Effect.logError(`outbox ${m.id}: delivery met an error`, defect)),
      ),
    { concurrency: "unbounded", discard: true },
  )
  return claimed.length
})

/** Delivers until nothing is due; how many messages it claimed in all. */
export const drainOutbox = (options: DeliveryOptions) =>
  Effect.gen(function* () {
    let total = 0
    while (true) {
      const n = yield* deliverDue(options)
      if (n === 0) return total
      total += n
    }
  })

/** The delivery loop, forever: drain, then wait `pollMs` and look again. */
export const outboxLoop = (options: DeliveryOptions & { readonly pollMs: number }) =>
  drainOutbox(options).pipe(
    Effect.catchAllDefect((defect) => Effect.logError("outbox: the loop met an error", defect)),
    Effect.zipRight(Effect.sleep(options.pollMs)),
    Effect.forever,
  )
