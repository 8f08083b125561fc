/**
 * Real worker processes on a real PostgreSQL deliver the outbox: three workers send 300
 * messages to a local receiver that fails the first two tries of every tenth one and checks
 * every signature with its own implementation of Standard Webhooks. One worker is killed with
 * SIGKILL in the middle; no message is lost, and none is sent again beyond what at-least-once
 * allows (the killed worker's unsettled claims), each repeat with the same `webhook-id`.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { join } from "node:path"
import { App, Outbox, transaction } from "@coordina/app"
import { NewWebhookEndpoint } from "@coordina/domain"
import { WebhookEndpointsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Effect, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startReceiver } from "./testing/WebhookReceiver.js"

const pg = testDatabases().find((d) => d.name === "postgres")!
const root = join(import.meta.dirname, "..")
const secret = "whsec_dGhyZWUgd29ya2VycyBvbmUgc2VjcmV0"
const n = 1000
const batch = 10

interface Worker {
  readonly child: ChildProcess
  readonly output: () => string
  readonly exited: Promise<number | null>
}

const startWorker = (databaseUrl: string, name: string): Worker => {
  const child = spawn(
    join(root, "node_modules/.bin/vite-node"),
    ["--config", "vitest.config.ts", "src/main.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        COORDINA_WORKER_ID: name,
        COORDINA_WEBHOOK_ALLOW_PRIVATE: "on",
        COORDINA_OUTBOX_POLL_MS: "100",
        COORDINA_OUTBOX_BATCH: String(batch),
        COORDINA_OUTBOX_LEASE_SECONDS: "3",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  let output = ""
  child.stdout!.on("data", (d) => {
    output += String(d)
  })
  child.stderr!.on("data", (d) => {
    output += String(d)
  })
  return {
    child,
    output: () => output,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!pg.available)("outbox workers on PostgreSQL", () => {
  let url = ""
  let runtime: ManagedRuntime.ManagedRuntime<App.AppServices, never>
  const run = <A, E>(effect: Effect.Effect<A, E, App.AppServices>) => runtime.runPromise(effect)
  const query = (text: string) =>
    run(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe<Record<string, unknown>>(text)))
  const workers: Array<Worker> = []

  beforeAll(async () => {
    url = await pg.freshUrl()
    runtime = ManagedRuntime.make(App.layer({ databaseUrl: url, timeZone: "Europe/Sofia" }))
    await runtime.runtime()
  })
  afterAll(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM")
    await Promise.all(workers.map((w) => w.exited))
    await runtime?.dispose()
  })

  it("three workers deliver 1,000 messages, each at least once and none lost, through a SIGKILL", async () => {
    const failing = new Set<string>()
    const receiver = await startReceiver(secret, (id, tryNumber) =>
      failing.has(id) && tryNumber <= 2 ? 500 : 204,
    )
    try {
      await run(
        Effect.flatMap(WebhookEndpointsRepository, (r) =>
          r.create(new NewWebhookEndpoint({ url: receiver.url, eventTypes: ["person.merged"] }), secret),
        ),
      )
      await run(
        transaction(
          Effect.flatMap(Outbox, (o) =>
            Effect.forEach(
              Array.from({ length: n }, (_, i) => i),
              (i) => o.publish("person.merged", { personId: `per_${i}`, intoPersonId: "per_into" }),
              { discard: true },
            ),
          ),
        ),
      )
      const ids = (await query("SELECT id FROM outbox ORDER BY id")).map((r) => String(r.id))
      expect(ids).toHaveLength(n)
      ids.forEach((id, i) => {
        if (i % 10 === 9) failing.add(id)
      })

      workers.push(...["w1", "w2", "w3"].map((name) => startWorker(url, name)))
      // Kill one worker without warning once deliveries are well under way.
      const doomed = workers[0]!
      for (let i = 0; i < 1200 && receiver.received.length < n / 3; i++) await sleep(100)
      expect(receiver.received.length, workers.map((w) => w.output()).join("\n")).toBeGreaterThan(0)
      doomed.child.kill("SIGKILL")
      expect(await doomed.exited).toBe(null)

      // The others finish, the failing tenth after their ~5 s and ~30 s waits.
      const delivered = async () =>
        Number((await query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'delivered'"))[0]!.n)
      for (let i = 0; i < 3000 && (await delivered()) < n; i++) await sleep(100)
      expect(await delivered(), workers.map((w) => w.output()).join("\n")).toBe(n)

      const received = receiver.received
      expect(received.every((r) => r.signatureValid)).toBe(true)
      expect(new Set(received.map((r) => r.id))).toEqual(new Set(ids))
      const accepted = new Map<string, number>()
      for (const r of received) if (r.status === 204) accepted.set(r.id, (accepted.get(r.id) ?? 0) + 1)
      expect(accepted.size).toBe(n)
      // Only what the killed worker had claimed and not yet settled may have gone out twice.
      const repeats = [...accepted.values()].filter((c) => c > 1).length
      expect(repeats).toBeLessThanOrEqual(batch)
      // Every tenth message was refused twice, then taken, on its third try.
      for (const id of failing) {
        const tries = received.filter((r) => r.id === id).map((r) => r.status)
        expect(tries.slice(0, 3), id).toEqual([500, 500, 204])
      }
      const rows = await query(
        "SELECT attempts, last_status FROM outbox WHERE status = 'delivered' AND attempts = 3 AND last_status = 204",
      )
      expect(rows.length).toBeGreaterThanOrEqual(failing.size - batch)
      // No claim is left behind.
      const held = await query("SELECT COUNT(*) AS n FROM outbox WHERE claimed_by IS NOT NULL")
      expect(Number(held[0]!.n)).toBe(0)
    } finally {
      await receiver.close()
    }
  }, 420_000)
})
