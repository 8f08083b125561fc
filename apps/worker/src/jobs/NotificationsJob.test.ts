import { App, Events, Projects } from "@coordina/app"
import { NewEvent, NewProject, type Principal } from "@coordina/domain"
import { UsersRepository } from "@coordina/store"
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
})
