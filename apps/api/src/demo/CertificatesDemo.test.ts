import { App, Certificates } from "@coordina/app"
import {
  CertificatesRepository,
  EventsRepository,
  ParticipationsRepository,
  ProjectsRepository,
} from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { loadDemo } from "./Demo.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("certificates in the demo", () => {
  it("gives every attendee of the Ruse workshop a certificate that checks out, and no other event any", async () => {
    const runtime = ManagedRuntime.make(
      App.layer({ databaseUrl: await sqlite.freshUrl(), timeZone: "Europe/Sofia" }),
    )
    try {
      expect(await runtime.runPromise(loadDemo)).toBe(true)
      const found = await runtime.runPromise(
        Effect.gen(function* () {
          const project = (yield* (yield* ProjectsRepository).list({ limit: 1 })).items[0]!
          const events = (yield* (yield* EventsRepository).list({ projectId: project.id, limit: 500 })).items
          const certificates = yield* CertificatesRepository
          const held = yield* Effect.forEach(events, (e) =>
            certificates.forEvent(e.id).pipe(Effect.map((c) => ({ event: e, held: c }))),
          )
          const ruse = events.find((e) => e.kind === "regional_workshop" && e.city === "Русе")!
          const attended = (yield* (yield* ParticipationsRepository).listByEvent(ruse.id, {
            limit: 500,
          })).items.filter((p) => p.attendedDays.length > 0)
          const first = held.find((h) => h.event.id === ruse.id)!.held[0]!
          const verified = yield* (yield* Certificates).verify(first.code, "demo-test")
          return { held, ruse, attended: new Set(attended.map((p) => p.personId)).size, verified }
        }),
      )
      const withCertificates = found.held.filter((h) => h.held.length > 0)
      expect(withCertificates.map((h) => h.event.id)).toEqual([found.ruse.id])
      expect(withCertificates[0]!.held.length).toBe(found.attended)
      expect(found.attended).toBeGreaterThan(10)
      expect(found.verified.event.title).toBe(found.ruse.title)
      expect(found.verified.initials).toMatch(/^\p{Lu}\. \p{Lu}\.$/u)
    } finally {
      await runtime.dispose()
    }
  })
})
