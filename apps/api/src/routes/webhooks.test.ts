import { Outbox, transaction } from "@coordina/app"
import { OutboxRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

describe.each(testDatabases())("webhooks API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "shows an endpoint's secret once, lists it without, removes it (audited)",
    async () => {
      const created = await api.json<{ id: string; secret: string; eventTypes: Array<string> }>(
        "POST",
        "/v1/webhook-endpoints",
        { url: "https://hooks.example.org/coordina", eventTypes: ["task.created", "report.ready"] },
      )
      expect(created.status).toBe(201)
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
      expect(Buffer.from(created.body.secret.slice(6), "base64").length).toBe(24)
      expect(created.body.eventTypes).toEqual(["task.created", "report.ready"])

      const list = await api.request("GET", "/v1/webhook-endpoints")
      const text = await list.text()
      expect(list.status).toBe(200)
      expect(text).toContain(created.body.id)
      expect(text).not.toContain(created.body.secret)
      expect(text).not.toContain("whsec_")

      const log = await api.json<{ items: Array<unknown>; nextCursor: null }>(
        "GET",
        `/v1/webhook-endpoints/${created.body.id}/deliveries`,
      )
      expect(log).toEqual({ status: 200, body: { items: [], nextCursor: null } })

      expect((await api.json("DELETE", `/v1/webhook-endpoints/${created.body.id}`)).status).toBe(200)
      expect((await api.json("DELETE", `/v1/webhook-endpoints/${created.body.id}`)).status).toBe(404)
      expect((await api.json("GET", `/v1/webhook-endpoints/${created.body.id}/deliveries`)).status).toBe(404)
      const audit = await api.json<{ items: Array<{ action: string; after?: unknown; before?: unknown }> }>(
        "GET",
        `/v1/audit?entity=webhook_endpoint:${created.body.id}`,
      )
      expect(audit.body.items.map((e) => e.action)).toEqual(["create", "delete"])
      expect(JSON.stringify(audit.body)).not.toContain("whsec_")
    },
  )

  it.skipIf(!db.available)(
    "refuses a private or non-http URL with 422 naming url, and stores nothing",
    async () => {
      for (const url of [
        "http://127.0.0.1:8080/h",
        "http://10.1.2.3/h",
        "ftp://hooks.example.org/",
        "http://[::1]/",
      ]) {
        const res = await api.json<{ errors: Array<{ path: string }> }>("POST", "/v1/webhook-endpoints", {
          url,
          eventTypes: ["task.created"],
        })
        expect(res.status, url).toBe(422)
        expect(res.body.errors.map((e) => e.path)).toEqual(["url"])
      }
      const bad = await api.json<{ errors: Array<{ path: string }> }>("POST", "/v1/webhook-endpoints", {
        url: "https://hooks.example.org/",
        eventTypes: ["task.exploded"],
      })
      expect(bad.status).toBe(400)
      const list = await api.json<{ items: Array<{ url: string }> }>("GET", "/v1/webhook-endpoints")
      expect(list.body.items.map((e) => e.url)).not.toContain("http://127.0.0.1:8080/h")
    },
  )

  it.skipIf(!db.available)(
    "lists the outbox by status and retries a message, 404 for an unknown one",
    async () => {
      const outbox = await api.json<{ items: Array<unknown> }>("GET", "/v1/outbox?status=failed")
      expect(outbox.status).toBe(200)
      expect(outbox.body.items).toEqual([])
      expect((await api.json("GET", "/v1/outbox?status=lost")).status).toBe(400)
      expect((await api.json("POST", "/v1/webhook-deliveries/msg_nope/retry")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "shows a failed delivery in the log and the outbox, and sends it again (audited)",
    async () => {
      const endpoint = await api.json<{ id: string }>("POST", "/v1/webhook-endpoints", {
        url: "https://hooks.example.org/merges",
        eventTypes: ["person.merged"],
      })
      await api.run(
        transaction(
          Effect.flatMap(Outbox, (o) =>
            o.publish("person.merged", { personId: "per_a", intoPersonId: "per_b" }),
          ),
        ),
      )
      const [claimed] = await api.run(
        Effect.flatMap(OutboxRepository, (o) => o.claimDue("w", 10, 30, "2100-01-01T00:00:00.000Z")),
      )
      await api.run(
        Effect.flatMap(OutboxRepository, (o) =>
          o.markFailed(claimed!.id, "w", { lastStatus: 410, lastError: "HTTP 410" }),
        ),
      )
      const log = await api.json<{ items: Array<Record<string, unknown>> }>(
        "GET",
        `/v1/webhook-endpoints/${endpoint.body.id}/deliveries`,
      )
      expect(log.body.items).toEqual([
        {
          id: claimed!.id,
          eventType: "person.merged",
          status: "failed",
          attempts: 1,
          lastStatus: 410,
          lastError: "HTTP 410",
        },
      ])
      const failed = await api.json<{ items: Array<{ id: string }> }>("GET", "/v1/outbox?status=failed")
      expect(failed.body.items.map((m) => m.id)).toEqual([claimed!.id])
      const retried = await api.json("POST", `/v1/webhook-deliveries/${claimed!.id}/retry`)
      expect(retried.status).toBe(200)
      expect(retried.body).toMatchObject({ id: claimed!.id, status: "pending", attempts: 0 })
      expect(
        (await api.json<{ items: Array<unknown> }>("GET", "/v1/outbox?status=failed")).body.items,
      ).toEqual([])
      const audit = await api.json<{ items: Array<{ action: string }> }>(
        "GET",
        `/v1/audit?entity=outbox_message:${claimed!.id}`,
      )
      expect(audit.body.items.map((e) => e.action)).toEqual(["retry"])
    },
  )

  it.skipIf(!db.available)("is closed to API keys, whatever their scopes", async () => {
    const key = await api.json<{ key: string }>("POST", "/v1/api-keys", {
      name: "integrator",
      scopes: ["audit:read", "tasks:write", "reports:write"],
    })
    const bearer = { Authorization: `Bearer ${key.body.key}` }
    for (const [method, path] of [
      ["GET", "/v1/webhook-endpoints"],
      ["POST", "/v1/webhook-endpoints"],
      ["GET", "/v1/outbox"],
      ["POST", "/v1/webhook-deliveries/msg_x/retry"],
    ] as const) {
      const res = await api.request(method, path, method === "POST" ? {} : undefined, bearer)
      expect(res.status, `${method} ${path}`).toBe(403)
    }
  })
})

describe.each(testDatabases().filter((d) => d.name === "sqlite"))(
  "webhooks API allowing private addresses",
  (db) => {
    let api: TestApp
    beforeAll(async () => {
      api = await startTestApp(db, { webhookAllowPrivate: true })
    })
    afterAll(() => api?.dispose())

    it("accepts a loopback endpoint when COORDINA_WEBHOOK_ALLOW_PRIVATE is on", async () => {
      const res = await api.json("POST", "/v1/webhook-endpoints", {
        url: "http://127.0.0.1:8080/h",
        eventTypes: ["task.created"],
      })
      expect(res.status).toBe(201)
    })
  },
)

describe.each(testDatabases().filter((d) => d.name === "sqlite"))("the OpenAPI document's webhooks", (db) => {
  let api: TestApp
  beforeAll(async () => {
    api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  it("describes every event type's payload, its references resolvable", async () => {
    const doc = (
      await api.json<{
        openapi: string
        webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>
        components: { schemas: Record<string, unknown> }
        paths: Record<string, unknown>
      }>("GET", "/openapi.json")
    ).body
    expect(doc.openapi).toBe("3.1.0")
    expect(Object.keys(doc.webhooks).sort()).toEqual(
      [
        "agreement.transitioned",
        "participation.attended",
        "person.merged",
        "report.ready",
        "task.accepted",
        "task.completed",
        "task.created",
        "task.overdue",
        "task.rejected",
      ].sort(),
    )
    const created = JSON.stringify(
      doc.webhooks["task.created"]!.post.requestBody.content["application/json"]!.schema,
    )
    for (const field of ["taskId", "agreementId", "institutionId", "area", "dueDate"])
      expect(JSON.stringify(doc.components.schemas.TaskEventData ?? created)).toContain(field)
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(doc.components.schemas, ref[1]).toHaveProperty([decodeURIComponent(ref[1]!)])
    expect(doc.paths).toHaveProperty(["/v1/webhook-endpoints"])
    expect(doc.paths).toHaveProperty(["/v1/outbox"])
  })
})
