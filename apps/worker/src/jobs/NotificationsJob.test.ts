import { App, Events, notificationsActor, Projects } from "@coordina/app"
import {
  NewEvent,
  NewInstitution,
  NewPerson,
  NewProject,
  type Principal,
  RegistrationSettings,
} from "@coordina/domain"
import {
  AuditLog,
  InstitutionsRepository,
  PeopleRepository,
  RegistrationsRepository,
  UsersRepository,
} from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { runDue } from "../Job.js"
import { NotificationsJob } from "./NotificationsJob.js"

const admin: Principal = { kind: "session", id: "usr_admin", grants: [{ role: "admin" }], scopes: [] }
const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"

/** A project with a workshop in five days, a target far behind, and its coordinator. */
const world = Effect.gen(function* () {
  const project = yield* (yield* Projects).create(
    admin,
    Schema.decodeUnknownSync(NewProject)({
      code: "COORD-26",
      title: "Coordination",
      startDate: "2026-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 100 }],
    }),
  )
  yield* (yield* Events).create(
    admin,
    Schema.decodeUnknownSync(NewEvent)({
      projectId: project.id,
      kind: "regional_workshop",
      title: "Workshop in Vidin",
      startDate: "2026-12-07",
      endDate: "2026-12-07",
      city: "Видин",
    }),
  )
  yield* (yield* UsersRepository).create({
    email: "coord@example.bg",
    displayName: "Coordinator",
    passwordHash: hash,
    roles: [{ role: "coordinator", projectIds: [project.id] }] as never,
  })
})

/**
 * Tomorrow's seminar (from the morning below): one who cancelled, then two seated (one in
 * English) and one waiting; and a seminar the day after with one seated.
 */
const registrants = Effect.gen(function* () {
  const project = yield* (yield* Projects).create(
    admin,
    Schema.decodeUnknownSync(NewProject)({
      code: "REG-26",
      title: "Registrations",
      startDate: "2026-01-01",
      durationMonths: 12,
      targets: [],
    }),
  )
  const tomorrow = yield* (yield* Events).create(
    admin,
    Schema.decodeUnknownSync(NewEvent)({
      projectId: project.id,
      kind: "training_seminar",
      title: "Семинар в Плевен",
      startDate: "2026-12-03",
      endDate: "2026-12-04",
      city: "Плевен",
    }),
  )
  const later = yield* (yield* Events).create(
    admin,
    Schema.decodeUnknownSync(NewEvent)({
      projectId: project.id,
      kind: "training_seminar",
      title: "Семинар в Русе",
      startDate: "2026-12-04",
      endDate: "2026-12-04",
      city: "Русе",
    }),
  )
  const institution = yield* (yield* InstitutionsRepository).create(
    new NewInstitution({ name: "Община Плевен", kind: "municipality", level: "local", country: "BG" }),
  )
  const people = yield* PeopleRepository
  const registrations = yield* RegistrationsRepository
  const now = new Date("2026-11-20T10:00:00Z")
  for (const e of [tomorrow, later])
    yield* registrations.putSettings(
      e.id,
      new RegistrationSettings({ open: true, capacity: 2, waitlist: true }),
      now,
    )
  const seat = (eventId: string, n: string, language: "bg" | "en") =>
    Effect.gen(function* () {
      const person = yield* people.create(
        new NewPerson({
          givenName: "Мария",
          familyName: `Петрова${n}`,
          email: `${n}@example.bg`,
          institutionId: institution.id,
        }),
      )
      yield* registrations.register({
        eventId,
        personId: person.id,
        language,
        cancelTokenHash: `hash-${n}`,
        now,
      })
      return person.id
    })
  yield* seat(tomorrow.id, "ana", "bg")
  yield* registrations.cancel("hash-ana", now)
  const boris = yield* seat(tomorrow.id, "boris", "bg")
  const clara = yield* seat(tomorrow.id, "clara", "en")
  const dora = yield* seat(tomorrow.id, "dora", "bg")
  yield* seat(later.id, "emil", "bg")
  return { boris, clara, dora }
})

describe.each(testDatabases())("the notifications job on $name", (db) => {
  const layer = () =>
    Layer.unwrapEffect(
      Effect.promise(() => db.freshUrl()).pipe(
        Effect.map((databaseUrl) => App.layer({ databaseUrl, timeZone: "Europe/Sofia" })),
      ),
    )
  const morning = new Date("2026-12-02T05:30:00Z")

  it.effect.skipIf(!db.available)("queues the day's e-mails in the outbox once, however often it runs", () =>
    Effect.gen(function* () {
      yield* world
      const sql = yield* SqlClient.SqlClient
      expect(yield* runDue(NotificationsJob, morning, "Europe/Sofia")).toBe("ran")
      expect(yield* runDue(NotificationsJob, morning, "Europe/Sofia")).toBe("already-done")
      const rows = yield* sql<{ eventType: string; status: string; payload: string }>`
        SELECT event_type, status, payload FROM outbox WHERE channel = 'email'`
      const digests = rows.filter((r) => r.eventType === "daily_digest")
      expect(digests).toHaveLength(1)
      expect(digests[0]!.status).toBe("pending")
      expect(JSON.parse(digests[0]!.payload).to).toEqual(["coord@example.bg"])
      expect(digests[0]!.payload).toContain("Workshop in Vidin")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "reminds the day before each registrant holding a seat, one e-mail each in their language, audited",
    () =>
      Effect.gen(function* () {
        const who = yield* registrants
        const sql = yield* SqlClient.SqlClient
        expect(yield* runDue(NotificationsJob, morning, "Europe/Sofia")).toBe("ran")
        expect(yield* runDue(NotificationsJob, morning, "Europe/Sofia")).toBe("already-done")
        const rows = yield* sql<{ payload: string }>`
          SELECT payload FROM outbox WHERE channel = 'email' AND event_type = 'event_reminder' ORDER BY id`
        const mails = rows.map((r) => JSON.parse(r.payload))
        // Not the cancelled (ana), not the waiting list (dora), not the event two days ahead (emil).
        expect(mails.map((m) => m.to).sort()).toEqual([["boris@example.bg"], ["clara@example.bg"]])
        const clara = mails.find((m) => m.to[0] === "clara@example.bg")
        expect(clara.language).toBe("en")
        expect(clara.subject).toBe("Tomorrow: Семинар в Плевен")
        const boris = mails.find((m) => m.to[0] === "boris@example.bg")
        expect(boris.subject).toBe("Утре: Семинар в Плевен")
        expect(boris.text).toContain("03.12.2026 г.")
        expect(JSON.stringify(mails)).not.toContain("Мария")
        expect(JSON.stringify(mails)).not.toContain("Петрова")
        // Each address read is the worker's audited read; no one else's was read.
        const reads = yield* (yield* AuditLog).list(
          { action: "read_personal", actor: notificationsActor },
          { limit: 100 },
        )
        const byWorker = reads.items.map((e) => e.entity).sort()
        expect(byWorker).toEqual([`person:${who.boris}`, `person:${who.clara}`].sort())
      }).pipe(Effect.provide(layer())),
  )
})
