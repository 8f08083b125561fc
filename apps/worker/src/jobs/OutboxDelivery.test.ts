import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { hostname } from "node:os"
import { lookup } from "node:dns/promises"
import { App, EmailMessage, EmailSender, EmailSendFailed, Outbox, transaction } from "@coordina/app"
import { NewWebhookEndpoint, type OutboxMessage, type WebhookEventType } from "@coordina/domain"
import { OutboxRepository, WebhookEndpointsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startReceiver } from "../testing/WebhookReceiver.js"
import { type DeliveryOptions, deliverDue, drainOutbox } from "./OutboxDelivery.js"

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

describe.each(testDatabases())("outbox delivery on $name", (db) => {
  let runtime: ManagedRuntime.ManagedRuntime<App.AppServices, never>
  let emails: Array<EmailMessage> = []
  let emailAnswer: () => Effect.Effect<"sent" | "not_configured", EmailSendFailed> = () =>
    Effect.succeed("sent")
  const sender = Layer.succeed(EmailSender, {
    send: (m) =>
      Effect.suspend(() => emailAnswer()).pipe(Effect.tap(() => Effect.sync(() => emails.push(m)))),
  })
  const run = <A, E>(effect: Effect.Effect<A, E, App.AppServices | EmailSender>) =>
    runtime.runPromise(effect.pipe(Effect.provide(sender)))
  const options: DeliveryOptions = { worker: "w-test", batch: 10, leaseSeconds: 30, allowPrivate: true }

  beforeAll(async () => {
    if (!db.available) return
    runtime = ManagedRuntime.make(App.layer({ databaseUrl: await db.freshUrl(), timeZone: "Europe/Sofia" }))
    await runtime.runtime()
  })
  afterAll(() => runtime?.dispose())

  const endpointAt = (url: string, eventTypes: ReadonlyArray<WebhookEventType> = ["person.merged"]) =>
    run(
      Effect.flatMap(WebhookEndpointsRepository, (r) =>
        r.create(new NewWebhookEndpoint({ url, eventTypes: [...eventTypes] }), secret),
      ),
    )
  const publish = (personId: string) =>
    run(
      transaction(
        Effect.flatMap(Outbox, (o) => o.publish("person.merged", { personId, intoPersonId: "per_into" })),
      ),
    )
  const messageOf = (endpointId: string) =>
    run(
      Effect.flatMap(OutboxRepository, (o) => o.deliveriesFor(endpointId, {})).pipe(
        Effect.flatMap((page) => Effect.flatMap(OutboxRepository, (o) => o.get(page.items[0]!.id))),
        Effect.map(Option.getOrThrow),
      ),
    )
  const makeDue = (id: string) =>
    run(
      Effect.flatMap(
        SqlClient.SqlClient,
        (sql) => sql`UPDATE outbox SET next_attempt_at = created_at WHERE id = ${id}`,
      ),
    )
  const removeAll = () =>
    run(
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql`UPDATE webhook_endpoints SET deleted_at = created_at`),
    )

  it.skipIf(!db.available)("delivers a signed webhook once to a receiver that verifies it", async () => {
    await removeAll()
    const receiver = await startReceiver(secret)
    try {
      const endpoint = await endpointAt(receiver.url)
      await publish("per_1")
      const before = Date.now()
      expect(await run(drainOutbox(options))).toBe(1)
      expect(receiver.received).toHaveLength(1)
      const got = receiver.received[0]!
      expect(got.signatureValid).toBe(true)
      expect(got.id).toMatch(/^msg_/)
      expect(Number(got.timestamp) * 1000).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      expect(JSON.parse(got.body)).toMatchObject({
        type: "person.merged",
        data: { personId: "per_1", intoPersonId: "per_into" },
      })
      const message = await messageOf(endpoint.id)
      expect(message).toMatchObject({ id: got.id, status: "delivered", attempts: 1, lastStatus: 204 })
      // Nothing is sent twice.
      expect(await run(drainOutbox(options))).toBe(0)
      expect(receiver.received).toHaveLength(1)
    } finally {
      await receiver.close()
    }
  })

  it.skipIf(!db.available)(
    "retries a failing receiver on the schedule, same webhook-id, then keeps it as failed",
    async () => {
      await removeAll()
      const receiver = await startReceiver(secret, () => 503)
      try {
        const endpoint = await endpointAt(receiver.url)
        await publish("per_2")
        const t0 = Date.now()
        await run(deliverDue(options))
        let m: OutboxMessage = await messageOf(endpoint.id)
        expect(m).toMatchObject({ status: "pending", attempts: 1, lastStatus: 503, lastError: "HTTP 503" })
        // About 5 s, give or take the jitter.
        const wait = Date.parse(m.nextAttemptAt!) - t0
        expect(wait).toBeGreaterThan(3_900)
        expect(wait).toBeLessThan(6_000 + (Date.now() - t0))
        // Not due yet: nothing is sent.
        expect(await run(deliverDue(options))).toBe(0)
        for (let i = 2; i <= 9; i++) {
          await makeDue(m.id)
          expect(await run(deliverDue(options))).toBe(1)
          m = await messageOf(endpoint.id)
        }
        expect(m).toMatchObject({ status: "failed", attempts: 9, lastStatus: 503 })
        expect(m.nextAttemptAt).toBeUndefined()
        expect(receiver.received).toHaveLength(9)
        expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([m.id]))
        expect(receiver.received.every((r) => r.signatureValid)).toBe(true)

        // An admin's retry sends it again, with the same id, and this time it is taken.
        await run(Effect.flatMap(OutboxRepository, (o) => o.retry(m.id, new Date().toISOString())))
        const ok = await startReceiver(secret)
        await run(
          Effect.flatMap(SqlClient.SqlClient, (sql) => sql`UPDATE webhook_endpoints SET url = ${ok.url}`),
        )
        expect(await run(drainOutbox(options))).toBe(1)
        expect(ok.received.map((r) => r.id)).toEqual([m.id])
        expect(await messageOf(endpoint.id)).toMatchObject({ status: "delivered", attempts: 1 })
        await ok.close()
      } finally {
        await receiver.close()
      }
    },
  )

  it.skipIf(!db.available)("records why a receiver could not be reached, and tries again", async () => {
    await removeAll()
    const receiver = await startReceiver(secret)
    // A port where nothing listens: the connection is refused.
    const endpoint = await endpointAt(receiver.url)
    await receiver.close()
    await publish("per_3")
    await run(deliverDue({ ...options, timeoutMs: 2_000 }))
    const m = await messageOf(endpoint.id)
    expect(m).toMatchObject({ status: "pending", attempts: 1 })
    expect(m.lastStatus).toBeUndefined()
    expect(m.lastError).toMatch(/ECONNREFUSED|no answer/)
  })

  it.skipIf(!db.available)("gives up on a receiver that does not answer within the timeout", async () => {
    await removeAll()
    // Accepts the request and never answers.
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
    try {
      const { port } = silent.address() as AddressInfo
      const endpoint = await endpointAt(`http://127.0.0.1:${port}/hooks`)
      await publish("per_6")
      const started = Date.now()
      await run(deliverDue({ ...options, timeoutMs: 400 }))
      expect(Date.now() - started).toBeLessThan(5_000)
      const m = await messageOf(endpoint.id)
      expect(m).toMatchObject({ status: "pending", attempts: 1, lastError: "no answer within 400 ms" })
    } finally {
      silent.closeAllConnections()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it.skipIf(!db.available)(
    "refuses a name that resolves to a private address when connecting (DNS rebinding)",
    async () => {
      const name = hostname()
      const resolved = await lookup(name).catch(() => undefined)
      // The check needs a name (not a literal) that resolves to a loopback or private address.
      if (!resolved || !/^(127\.|10\.|192\.168\.|::1$)/.test(resolved.address)) return
      await removeAll()
      const receiver = await startReceiver(secret)
      try {
        const endpoint = await endpointAt(`http://${name}:${receiver.port}/hooks`)
        await publish("per_4")
        await run(deliverDue({ ...options, allowPrivate: false }))
        const m = await messageOf(endpoint.id)
        expect(m).toMatchObject({ status: "pending", attempts: 1 })
        expect(m.lastError).toContain(`resolves to ${resolved.address}`)
        expect(receiver.received).toHaveLength(0)
        // With private addresses allowed (development), the same message goes through.
        await makeDue(m.id)
        await run(deliverDue(options))
        expect(receiver.received.map((r) => r.id)).toEqual([m.id])
      } finally {
        await receiver.close()
      }
    },
  )

  it.skipIf(!db.available)("fails a message whose endpoint was removed, without sending it", async () => {
    await removeAll()
    const receiver = await startReceiver(secret)
    try {
      const endpoint = await endpointAt(receiver.url)
      await publish("per_5")
      await run(Effect.flatMap(WebhookEndpointsRepository, (r) => r.remove(endpoint.id)))
      await run(deliverDue(options))
      expect(await messageOf(endpoint.id)).toMatchObject({
        status: "failed",
        lastError: "the endpoint was removed",
      })
      expect(receiver.received).toHaveLength(0)
    } finally {
      await receiver.close()
    }
  })

  it.skipIf(!db.available)("sends e-mail through EmailSender: sent, not configured, or retried", async () => {
    await removeAll()
    emails = []
    const mail = (subject: string) =>
      new EmailMessage({ to: ["office@example.org"], subject, text: "t", html: "<p>t</p>", language: "bg" })
    const enqueue = (subject: string) =>
      run(transaction(Effect.flatMap(Outbox, (o) => o.sendEmail("task.created", mail(subject)))))
    const status = (id: string) =>
      run(Effect.flatMap(OutboxRepository, (o) => o.get(id)).pipe(Effect.map(Option.getOrThrow)))

    emailAnswer = () => Effect.succeed("sent")
    const sent = await enqueue("Задача")
    await run(drainOutbox(options))
    expect(await status(sent)).toMatchObject({ status: "delivered", channel: "email", attempts: 1 })
    expect(emails.map((e) => e.subject)).toEqual(["Задача"])

    emailAnswer = () => Effect.succeed("not_configured")
    const unsent = await enqueue("Без SMTP")
    await run(drainOutbox(options))
    expect(await status(unsent)).toMatchObject({ status: "not_configured" })

    emailAnswer = () => Effect.fail(new EmailSendFailed({ reason: "421 try later" }))
    const refused = await enqueue("Отказано")
    await run(drainOutbox(options))
    expect(await status(refused)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "421 try later",
    })
  })
})
