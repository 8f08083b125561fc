/**
 * The outbox table. `enqueue` runs inside the caller's transaction, so a message exists exactly
 * when the change that caused it committed. A worker claims due messages with a lease: on
 * PostgreSQL with `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows; on SQLite
 * in one UPDATE statement, which its single writer runs as one immediate transaction. A claim
 * counts the try, so a worker killed mid-delivery still uses one up; every later write names the
 * worker, so one whose lease ran out (and whose message another worker took) changes nothing.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as Statement from "@effect/sql/Statement"
import { type OutboxChannel, OutboxMessage, type OutboxStatus, type WebhookDelivery } from "@coordina/domain"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { int, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

/** A message to write: its id is the `webhook-id` (`msg_…`). */
export interface NewOutboxMessage {
  readonly id: string
  readonly channel: OutboxChannel
  readonly endpointId?: string | undefined
  readonly eventType: string
  /** The body as sent: the webhook JSON, or the rendered e-mail as JSON. */
  readonly payload: string
  readonly createdAt: string
}

/** A claimed message, with what the worker needs to send it. */
export interface ClaimedMessage {
  readonly id: string
  readonly channel: OutboxChannel
  readonly endpointId: string | undefined
  readonly eventType: string
  readonly payload: string
  /** Tries so far, this one included. */
  readonly attempts: number
}

/** How a try ended, as recorded on the message. */
export interface TryOutcome {
  readonly lastStatus?: number | undefined
  readonly lastError?: string | undefined
}

const decodeMessage = Schema.decodeUnknownSync(OutboxMessage)

const optional = (v: unknown): string | undefined => (v == null ? undefined : String(v))

const toMessage = (r: Record<string, unknown>): OutboxMessage =>
  decodeMessage({
    id: r.id,
    channel: r.channel,
    ...(r.endpointId == null ? {} : { endpointId: r.endpointId }),
    eventType: r.eventType,
    status: r.status,
    attempts: int(r.attempts),
    ...(r.lastStatus == null ? {} : { lastStatus: int(r.lastStatus) }),
    ...(r.lastError == null ? {} : { lastError: r.lastError }),
    ...(r.nextAttemptAt == null || r.status !== "pending" ? {} : { nextAttemptAt: r.nextAttemptAt }),
    createdAt: r.createdAt,
    ...(r.deliveredAt == null ? {} : { deliveredAt: r.deliveredAt }),
  })

const toDelivery = (m: OutboxMessage): WebhookDelivery => ({
  id: m.id,
  eventType: m.eventType,
  status: m.status,
  attempts: m.attempts,
  ...(m.lastStatus === undefined ? {} : { lastStatus: m.lastStatus }),
  ...(m.lastError === undefined ? {} : { lastError: m.lastError }),
  ...(m.nextAttemptAt === undefined ? {} : { nextAttemptAt: m.nextAttemptAt }),
})

const errorText = (e: string | undefined) => (e === undefined ? null : e.slice(0, 2000))

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const skipLocked = sql.onDialectOrElse({
    pg: () => sql.literal("FOR UPDATE SKIP LOCKED"),
    orElse: () => sql.literal(""),
  })

  /** Writes messages, due at once; call it inside the transaction of the change that causes them. */
  const enqueue = (messages: ReadonlyArray<NewOutboxMessage>) =>
    messages.length === 0
      ? Effect.void
      : sql`INSERT INTO outbox ${sql.insert(
          messages.map((m) => ({
            id: m.id,
            channel: m.channel,
            endpointId: m.endpointId ?? null,
            eventType: m.eventType,
            payload: m.payload,
            status: "pending",
            attempts: 0,
            nextAttemptAt: m.createdAt,
            lastStatus: null,
            lastError: null,
            claimedBy: null,
            claimedUntil: null,
            createdAt: m.createdAt,
            deliveredAt: null,
          })),
        )}`.pipe(Effect.asVoid, Effect.orDie)

  const get = (id: string) =>
    sql`SELECT * FROM outbox WHERE id = ${id}`.pipe(
      Effect.orDie,
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toMessage)),
    )

  /**
   * Claims up to `n` due messages for `worker` until `now + leaseSeconds`: pending ones whose
   * time has come and that nobody holds, or whose holder's lease ran out.
   */
  const claimDue = (worker: string, n: number, leaseSeconds: number, now: string) => {
    const until = new Date(Date.parse(now) + leaseSeconds * 1000).toISOString()
    return sql`
      UPDATE outbox SET claimed_by = ${worker}, claimed_until = ${until}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= ${now}
          AND (claimed_until IS NULL OR claimed_until < ${now})
        ORDER BY next_attempt_at, id LIMIT ${n} ${skipLocked})
      RETURNING id, channel, endpoint_id, event_type, payload, attempts, next_attempt_at`.pipe(
      Effect.orDie,
      Effect.map((rows) =>
        [...rows]
          .sort((a, b) =>
            String(a.nextAttemptAt) === String(b.nextAttemptAt)
              ? String(a.id).localeCompare(String(b.id))
              : String(a.nextAttemptAt).localeCompare(String(b.nextAttemptAt)),
          )
          .map(
            (r): ClaimedMessage => ({
              id: String(r.id),
              channel: r.channel as OutboxChannel,
              endpointId: optional(r.endpointId),
              eventType: String(r.eventType),
              payload: String(r.payload),
              attempts: int(r.attempts),
            }),
          ),
      ),
    )
  }

  // Every outcome is written only while `worker` still holds the message.
  const settle = (id: string, worker: string, set: Statement.Fragment) =>
    sql`UPDATE outbox SET ${set}, claimed_by = NULL, claimed_until = NULL
      WHERE id = ${id} AND claimed_by = ${worker} AND status = 'pending' RETURNING id`.pipe(
      Effect.orDie,
      Effect.map((rows) => rows.length > 0),
    )

  /** The try succeeded; whether `worker` still held the message. */
  const markDelivered = (id: string, worker: string, at: string, outcome: TryOutcome = {}) =>
    settle(
      id,
      worker,
      sql`status = 'delivered', delivered_at = ${at}, next_attempt_at = NULL,
        last_status = ${outcome.lastStatus ?? null}, last_error = NULL`,
    )

  /** The try failed; the message is due again at `nextAttemptAt`. */
  const markRetry = (id: string, worker: string, nextAttemptAt: string, outcome: TryOutcome) =>
    settle(
      id,
      worker,
      sql`next_attempt_at = ${nextAttemptAt}, last_status = ${outcome.lastStatus ?? null},
        last_error = ${errorText(outcome.lastError)}`,
    )

  /** The last try failed: kept as `failed`, with its error, until an admin retries it. */
  const markFailed = (id: string, worker: string, outcome: TryOutcome) =>
    settle(
      id,
      worker,
      sql`status = 'failed', next_attempt_at = NULL, last_status = ${outcome.lastStatus ?? null},
        last_error = ${errorText(outcome.lastError)}`,
    )

  /** No SMTP is configured: kept as `not_configured`, visible, until retried. */
  const markNotConfigured = (id: string, worker: string) =>
    settle(id, worker, sql`status = 'not_configured', next_attempt_at = NULL`)

  /** A page of messages, newest first, of one status or all. */
  const list = (status: OutboxStatus | undefined, page: PageRequest) => {
    const limit = pageSize(page.limit)
    return sql`
      SELECT * FROM outbox
      WHERE ${status ? sql`status = ${status}` : sql`1 = 1`}
        AND ${page.cursor ? sql`id < ${page.cursor}` : sql`1 = 1`}
      ORDER BY id DESC LIMIT ${limit + 1}`.pipe(
      Effect.orDie,
      Effect.map((rows) => toPage(rows.map(toMessage), limit) satisfies Page<OutboxMessage>),
    )
  }

  /** A page of one endpoint's delivery log, newest first. */
  const deliveriesFor = (endpointId: string, page: PageRequest) => {
    const limit = pageSize(page.limit)
    return sql`
      SELECT * FROM outbox
      WHERE endpoint_id = ${endpointId} AND ${page.cursor ? sql`id < ${page.cursor}` : sql`1 = 1`}
      ORDER BY id DESC LIMIT ${limit + 1}`.pipe(
      Effect.orDie,
      Effect.map((rows) => {
        const p = toPage(rows.map(toMessage), limit)
        return { items: p.items.map(toDelivery), nextCursor: p.nextCursor }
      }),
    )
  }

  /**
   * Sends a message again, with the same id: due at `now`, with a fresh schedule (its try count
   * starts over, so a failed message gets every wait again). The message as it is now, or none
   * when there is no such message. A message a worker holds keeps its holder, who settles it.
   */
  const retry = (id: string, now: string) =>
    sql`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ${now}, delivered_at = NULL
      WHERE id = ${id} RETURNING id`.pipe(
      Effect.orDie,
      Effect.flatMap((rows) => (rows.length === 0 ? Effect.succeed(Option.none()) : get(id))),
    )

  return {
    enqueue,
    get,
    claimDue,
    markDelivered,
    markRetry,
    markFailed,
    markNotConfigured,
    list,
    deliveriesFor,
    retry,
  } as const
})

/** Stores the outbox. */
export class OutboxRepository extends Context.Tag("@coordina/store/OutboxRepository")<
  OutboxRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(OutboxRepository, make)
}
