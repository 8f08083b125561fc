import { isoDate, NewEvent, NewProject, RegistrationSettings, Target, TargetGroup } from "@coordina/domain"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { EventsRepository } from "./EventsRepository.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { RegistrationsRepository } from "./RegistrationsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const now = new Date("2026-05-01T10:00:00Z")

const setup = Effect.gen(function* () {
  const project = yield* (yield* ProjectsRepository).create(
    new NewProject({
      code: "RG-1",
      title: "Registrations",
      startDate: isoDate("2026-01-01"),
      durationMonths: 12,
      targets: [new Target({ indicator: "direct", value: 5 })],
      minimumAttendanceShare: 0.5,
      targetGroup: new TargetGroup({ institutionKinds: ["municipality"] }),
    }),
  )
  const event = yield* (yield* EventsRepository).create(
    new NewEvent({
      projectId: project.id,
      kind: "training_seminar",
      title: "Seminar",
      startDate: isoDate("2026-06-10"),
      endDate: isoDate("2026-06-11"),
      city: "София",
    }),
  )
  return event.id
})

const rowCount = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql`SELECT COUNT(*) AS n FROM registrations`.pipe(Effect.orDie)
  return Number(rows[0]?.n)
})

let token = 0
const someone = (eventId: string, personId: string) => ({
  eventId,
  personId,
  language: "bg" as const,
  cancelTokenHash: `hash-${personId}-${token++}`,
  now,
})

describe.each(testDatabases())("RegistrationsRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(RegistrationsRepository.layer, EventsRepository.layer, ProjectsRepository.layer).pipe(
      Layer.provideMerge(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)("refuses a closed or full event and stores nothing", () =>
    Effect.gen(function* () {
      const registrations = yield* RegistrationsRepository
      const eventId = yield* setup
      expect((yield* Effect.flip(registrations.register(someone(eventId, "per_1"))))._tag).toBe(
        "RegistrationClosed",
      )
      yield* registrations.putSettings(
        eventId,
        new RegistrationSettings({ open: true, capacity: 1, waitlist: false }),
        now,
      )
      expect((yield* registrations.register(someone(eventId, "per_1"))).status).toBe("registered")
      expect((yield* Effect.flip(registrations.register(someone(eventId, "per_2"))))._tag).toBe("EventFull")
      expect((yield* Effect.flip(registrations.register(someone(eventId, "per_1"))))._tag).toBe("EventFull")
      yield* registrations.putSettings(
        eventId,
        new RegistrationSettings({ open: true, capacity: 5, waitlist: false, closesAt: now.toISOString() }),
        now,
      )
      expect((yield* Effect.flip(registrations.register(someone(eventId, "per_2"))))._tag).toBe(
        "RegistrationClosed",
      )
      expect(yield* rowCount).toBe(1)
      expect(Option.getOrThrow(yield* registrations.settings(eventId)).closesAt).toBe(now.toISOString())
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("waitlists when full and promotes on cancellation and on more seats", () =>
    Effect.gen(function* () {
      const registrations = yield* RegistrationsRepository
      const eventId = yield* setup
      yield* registrations.putSettings(
        eventId,
        new RegistrationSettings({ open: true, capacity: 1, waitlist: true }),
        now,
      )
      const a = someone(eventId, "per_a")
      yield* registrations.register(a)
      const b = yield* registrations.register(someone(eventId, "per_b"))
      const c = yield* registrations.register(someone(eventId, "per_c"))
      expect([b.status, c.status]).toEqual(["waitlisted", "waitlisted"])
      expect((yield* Effect.flip(registrations.register(someone(eventId, "per_b"))))._tag).toBe(
        "AlreadyRegistered",
      )
      const change = yield* registrations.cancel(a.cancelTokenHash, now)
      expect(change.registration.status).toBe("cancelled")
      expect(change.promoted.map((r) => r.personId)).toEqual(["per_b"])
      expect((yield* Effect.flip(registrations.cancel(a.cancelTokenHash, now)))._tag).toBe(
        "RegistrationNotFound",
      )
      const more = yield* registrations.putSettings(
        eventId,
        new RegistrationSettings({ open: true, capacity: 3, waitlist: true }),
        now,
      )
      expect(more.promoted.map((r) => r.personId)).toEqual(["per_c"])
      expect(yield* registrations.counts(eventId)).toEqual({ registered: 2, waitlisted: 0 })
      const page = yield* registrations.list(eventId, { limit: 2 })
      expect(page.items.map((r) => [r.personId, r.status])).toEqual([
        ["per_a", "cancelled"],
        ["per_b", "registered"],
      ])
      const rest = yield* registrations.list(eventId, { cursor: page.nextCursor!, limit: 2 })
      expect(rest.items.map((r) => r.personId)).toEqual(["per_c"])
      expect(rest.nextCursor).toBeNull()
      // A cursor past the database's integer range (the fuzz test's find) is past every row.
      const beyond = yield* registrations.list(eventId, { cursor: "99999999999999999999", limit: 2 })
      expect(beyond.items).toEqual([])
      // The day-before reminder's list: who holds a seat at the events starting that day.
      yield* registrations.putSettings(
        eventId,
        new RegistrationSettings({ open: true, capacity: 2, waitlist: true }),
        now,
      )
      const d = yield* registrations.register(someone(eventId, "per_d"))
      expect(d.status).toBe("waitlisted")
      expect((yield* registrations.registeredStartingOn("2026-06-10")).map((r) => r.personId)).toEqual([
        "per_b",
        "per_c",
      ])
      expect(yield* registrations.registeredStartingOn("2026-06-11")).toEqual([])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("never seats more than the capacity under concurrent registrations", () =>
    Effect.gen(function* () {
      const registrations = yield* RegistrationsRepository
      const eventId = yield* setup
      yield* registrations.putSettings(
        eventId,
        new RegistrationSettings({ open: true, capacity: 7, waitlist: false }),
        now,
      )
      const outcomes = yield* Effect.all(
        Array.from({ length: 40 }, (_, i) =>
          registrations.register(someone(eventId, `per_${i}`)).pipe(
            Effect.map((r) => r.status as string),
            Effect.catchAll((e) => Effect.succeed(e._tag as string)),
          ),
        ),
        { concurrency: "unbounded" },
      )
      expect(outcomes.filter((o) => o === "registered")).toHaveLength(7)
      expect(outcomes.filter((o) => o === "EventFull")).toHaveLength(33)
      expect(yield* rowCount).toBe(7)
      const positions = (yield* registrations.list(eventId, {})).items.map((r) => r.position)
      expect(new Set(positions).size).toBe(7)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("limits attempts per address and event within the hour", () =>
    Effect.gen(function* () {
      const registrations = yield* RegistrationsRepository
      for (let i = 0; i < 5; i++)
        expect((yield* registrations.attempt("evt_x", "addr", new Date(now.getTime() + i * 1000)))._tag).toBe(
          "Counted",
        )
      const refused = yield* registrations.attempt("evt_x", "addr", new Date(now.getTime() + 10_000))
      expect(refused).toEqual({ _tag: "Wait", retryAfterSeconds: 3590 })
      expect((yield* registrations.attempt("evt_y", "addr", now))._tag).toBe("Counted")
      expect((yield* registrations.attempt("evt_x", "addr", new Date(now.getTime() + 3_600_001)))._tag).toBe(
        "Counted",
      )
      const key = yield* registrations.proofKey()
      expect(key.length).toBeGreaterThan(20)
      expect(yield* registrations.proofKey()).toBe(key)
    }).pipe(Effect.provide(layer())),
  )
})
