import { NewWebhookEndpoint } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"
import { WebhookEndpointsRepository } from "./WebhookEndpointsRepository.js"

describe.each(testDatabases())("WebhookEndpointsRepository on $name", (db) => {
  const layer = () => WebhookEndpointsRepository.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("lists endpoints without their secret until removed", () =>
    Effect.gen(function* () {
      const endpoints = yield* WebhookEndpointsRepository
      const a = yield* endpoints.create(
        new NewWebhookEndpoint({
          url: "https://a.example/h",
          eventTypes: ["task.created"],
          description: "A",
        }),
        "whsec_secretA",
      )
      const b = yield* endpoints.create(
        new NewWebhookEndpoint({ url: "https://b.example/h", eventTypes: ["report.ready", "task.overdue"] }),
        "whsec_secretB",
      )
      expect(a).toMatchObject({ url: "https://a.example/h", eventTypes: ["task.created"], description: "A" })
      expect(b.description).toBeUndefined()
      const page = yield* endpoints.list({})
      expect(page.items.map((e) => e.id)).toEqual([a.id, b.id])
      expect(JSON.stringify(page)).not.toContain("whsec_")
      expect((yield* endpoints.subscribedTo("task.overdue")).map((e) => e.id)).toEqual([b.id])
      expect((yield* endpoints.subscribedTo("task.created")).map((e) => e.id)).toEqual([a.id])
      expect(yield* endpoints.subscribedTo("person.merged")).toEqual([])
      expect(Option.getOrThrow(yield* endpoints.target(a.id))).toEqual({
        url: "https://a.example/h",
        secret: "whsec_secretA",
      })
      yield* endpoints.remove(a.id)
      expect(yield* endpoints.subscribedTo("task.created")).toEqual([])
      expect(Option.isNone(yield* endpoints.target(a.id))).toBe(true)
      expect((yield* endpoints.list({})).items.map((e) => e.id)).toEqual([b.id])
      expect((yield* Effect.flip(endpoints.remove(a.id)))._tag).toBe("WebhookEndpointNotFound")
    }).pipe(Effect.provide(layer())),
  )
})
