import { SqlClient } from "@effect/sql"
import { NewWebhookEndpoint } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { OutboxRepository } from "./OutboxRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"
import { WebhookEndpointsRepository } from "./WebhookEndpointsRepository.js"

const t0 = "2026-12-02T10:00:00.000Z"
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString()

const message = (id: string, endpointId: string, eventType = "task.created") => ({
  id,
  channel: "webhook" as const,
  endpointId,
  eventType,
  payload: JSON.stringify({ type: eventType, timestamp: t0, data: { taskId: id } }),
  createdAt: t0,
})

describe.each(testDatabases())("OutboxRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(OutboxRepository.layer, WebhookEndpointsRepository.layer).pipe(
      Layer.provideMerge(freshDatabaseLayer(db)),
    )

  const endpoint = (eventTypes: ReadonlyArray<"task.created" | "report.ready"> = ["task.created"]) =>
    Effect.flatMap(WebhookEndpointsRepository, (r) =>
      r.create(new NewWebhookEndpoint({ url: "https://h.example/in", eventTypes }), "whsec_c2VjcmV0"),
    )

  it.effect.skipIf(!db.available)("writes nothing when the caller's transaction rolls back", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const outbox = yield* OutboxRepository
      const e = yield* endpoint()
      const rolledBack = yield* sql
        .withTransaction(
          Effect.zipRight(
            outbox.enqueue([message("msg_a", e.id)]),
            Effect.fail("the change failed" as const),
          ),
        )
        .pipe(Effect.flip)
      expect(rolledBack).toBe("the change failed")
      expect((yield* outbox.list(undefined, {})).items).toEqual([])
      yield* sql.withTransaction(outbox.enqueue([message("msg_b", e.id)]))
      expect((yield* outbox.list(undefined, {})).items.map((m) => m.id)).toEqual(["msg_b"])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "claims due messages under a lease and settles them only by their holder",
    () =>
      Effect.gen(function* () {
        const outbox = yield* OutboxRepository
        const e = yield* endpoint()
        yield* outbox.enqueue([message("msg_1", e.id), message("msg_2", e.id), message("msg_3", e.id)])

        const first = yield* outbox.claimDue("w1", 2, 30, at(0))
        expect(first.map((m) => [m.id, m.attempts, m.endpointId])).toEqual([
          ["msg_1", 1, e.id],
          ["msg_2", 1, e.id],
        ])
        // Held messages are not claimed again while the lease lasts.
        expect((yield* outbox.claimDue("w2", 5, 30, at(10))).map((m) => m.id)).toEqual(["msg_3"])
        expect(yield* outbox.claimDue("w2", 5, 30, at(10))).toEqual([])

        expect(yield* outbox.markDelivered("msg_1", "w1", at(1), { lastStatus: 204 })).toBe(true)
        expect(yield* outbox.markRetry("msg_2", "w2", at(100), { lastStatus: 500 })).toBe(false)
        expect(
          yield* outbox.markRetry("msg_2", "w1", at(100), { lastStatus: 500, lastError: "HTTP 500" }),
        ).toBe(true)
        expect(yield* outbox.markFailed("msg_3", "w2", { lastError: "connection refused" })).toBe(true)
        // Settled: the holder can no longer write.
        expect(yield* outbox.markDelivered("msg_1", "w1", at(2))).toBe(false)

        expect(yield* outbox.claimDue("w3", 5, 30, at(99))).toEqual([])
        const again = yield* outbox.claimDue("w3", 5, 30, at(100))
        expect(again.map((m) => [m.id, m.attempts])).toEqual([["msg_2", 2]])

        const m1 = Option.getOrThrow(yield* outbox.get("msg_1"))
        expect(m1).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 204, deliveredAt: at(1) })
        expect(m1.nextAttemptAt).toBeUndefined()
        const m3 = Option.getOrThrow(yield* outbox.get("msg_3"))
        expect(m3).toMatchObject({ status: "failed", attempts: 1, lastError: "connection refused" })

        const log = yield* outbox.deliveriesFor(e.id, {})
        expect(log.items.map((d) => [d.id, d.status])).toEqual([
          ["msg_3", "failed"],
          ["msg_2", "pending"],
          ["msg_1", "delivered"],
        ])
        expect(log.items[1]).toMatchObject({
          attempts: 2,
          lastStatus: 500,
          lastError: "HTTP 500",
          nextAttemptAt: at(100),
        })
        expect((yield* outbox.list("failed", {})).items.map((m) => m.id)).toEqual(["msg_3"])
        const paged = yield* outbox.list(undefined, { limit: 2 })
        expect(paged.items.map((m) => m.id)).toEqual(["msg_3", "msg_2"])
        expect(
          (yield* outbox.list(undefined, { cursor: paged.nextCursor!, limit: 2 })).items.map((m) => m.id),
        ).toEqual(["msg_1"])
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("takes a message back from a worker whose lease ran out", () =>
    Effect.gen(function* () {
      const outbox = yield* OutboxRepository
      const e = yield* endpoint()
      yield* outbox.enqueue([message("msg_k", e.id)])
      yield* outbox.claimDue("dead", 1, 30, at(0))
      const taken = yield* outbox.claimDue("alive", 1, 30, at(31))
      expect(taken.map((m) => [m.id, m.attempts])).toEqual([["msg_k", 2]])
      expect(yield* outbox.markDelivered("msg_k", "dead", at(32))).toBe(false)
      expect(yield* outbox.markDelivered("msg_k", "alive", at(32))).toBe(true)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "retries a failed or unsent message with the same id and a fresh schedule",
    () =>
      Effect.gen(function* () {
        const outbox = yield* OutboxRepository
        const e = yield* endpoint()
        yield* outbox.enqueue([
          message("msg_f", e.id),
          { id: "msg_e", channel: "email", eventType: "task.created", payload: "{}", createdAt: t0 },
        ])
        yield* outbox.claimDue("w", 5, 30, at(0))
        yield* outbox.markFailed("msg_f", "w", { lastStatus: 410 })
        yield* outbox.markNotConfigured("msg_e", "w")
        expect(Option.getOrThrow(yield* outbox.get("msg_e")).status).toBe("not_configured")

        const retried = Option.getOrThrow(yield* outbox.retry("msg_f", at(50)))
        expect(retried).toMatchObject({
          id: "msg_f",
          status: "pending",
          attempts: 0,
          nextAttemptAt: at(50),
          lastStatus: 410,
        })
        expect(yield* outbox.retry("msg_missing", at(50))).toEqual(Option.none())
        yield* outbox.retry("msg_e", at(50))
        const claimed = yield* outbox.claimDue("w", 5, 30, at(50))
        expect(claimed.map((m) => [m.id, m.attempts]).sort()).toEqual([
          ["msg_e", 1],
          ["msg_f", 1],
        ])
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("never gives one message to two concurrent claimers", () =>
    Effect.gen(function* () {
      const outbox = yield* OutboxRepository
      const e = yield* endpoint()
      const n = 300
      yield* outbox.enqueue(
        Array.from({ length: n }, (_, i) => message(`msg_${String(i).padStart(4, "0")}`, e.id)),
      )
      const claimer = (worker: string) =>
        Effect.gen(function* () {
          const got: Array<string> = []
          while (true) {
            const batch = yield* outbox.claimDue(worker, 7, 60, at(1))
            if (batch.length === 0) return got
            got.push(...batch.map((m) => m.id))
          }
        })
      const results = yield* Effect.all(["a", "b", "c", "d", "e"].map(claimer), { concurrency: "unbounded" })
      const all = results.flat()
      expect(all.length).toBe(n)
      expect(new Set(all).size).toBe(n)
      // Every claimer got some work: the claims really ran side by side.
      if (db.name === "postgres") expect(results.filter((r) => r.length > 0).length).toBeGreaterThan(1)
    }).pipe(Effect.provide(layer())),
  )
})
