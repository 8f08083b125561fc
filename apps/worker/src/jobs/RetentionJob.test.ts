import { App } from "@coordina/app"
import { AuditLog, JobRuns } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { runDue } from "../Job.js"
import { RetentionJob } from "./RetentionJob.js"

const seedPerson = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const at = "2015-01-10T09:00:00.000Z"
  yield* sql`INSERT INTO institutions ${sql.insert({
    id: "ins_1",
    name: "Община Русе",
    nameKey: "obshtina ruse",
    kind: "municipality",
    level: "local",
    country: "BG",
    planningRegion: null,
    province: null,
    municipality: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  })}`
  yield* sql`INSERT INTO people ${sql.insert({
    id: "per_old",
    givenName: "Иван",
    familyName: "Иванов",
    nameKey: "ivan ivanov",
    email: "ivan@ruse.bg",
    emailKey: "ivan@ruse.bg",
    phone: null,
    gender: "male",
    institutionId: "ins_1",
    mergedInto: null,
    survivorId: "per_old",
    version: 1,
    createdAt: at,
    updatedAt: at,
  })}`
  return sql
})

describe.each(testDatabases())("the retention job on $name", (db) => {
  const layer = () =>
    Layer.unwrapEffect(
      Effect.promise(() => db.freshUrl()).pipe(
        Effect.map((databaseUrl) => App.layer({ databaseUrl, timeZone: "Europe/Sofia" })),
      ),
    )
  const night = new Date("2026-11-28T02:00:00Z")

  it.effect.skipIf(!db.available)(
    "erases personal data past its period once per night, keeping what counts",
    () =>
      Effect.gen(function* () {
        const sql = yield* seedPerson
        const withSalt = Effect.withConfigProvider(
          ConfigProvider.fromMap(new Map([["COORDINA_PSEUDONYM_SALT", "worker-test-salt-0123456789"]])),
        )
        expect(yield* runDue(RetentionJob, night, "Europe/Sofia").pipe(withSalt)).toBe("ran")
        expect(yield* runDue(RetentionJob, night, "Europe/Sofia").pipe(withSalt)).toBe("already-done")
        const [row] =
          yield* sql`SELECT given_name, email, gender, institution_id FROM people WHERE id = 'per_old'`
        expect(row).toEqual({ givenName: "Erased", email: null, gender: "male", institutionId: "ins_1" })
        const erased = yield* (yield* AuditLog).list({ action: "erase" }, {})
        expect(erased.items.map((e) => [e.actor, e.entity])).toEqual([["worker:retention", "person:per_old"]])
        expect((yield* (yield* JobRuns).list("retention")).length).toBe(1)
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("only reports without the salt", () =>
    Effect.gen(function* () {
      const sql = yield* seedPerson
      const noSalt = Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
      expect(yield* runDue(RetentionJob, night, "Europe/Sofia").pipe(noSalt)).toBe("ran")
      const [row] = yield* sql`SELECT given_name FROM people WHERE id = 'per_old'`
      expect(row).toEqual({ givenName: "Иван" })
      const [run] = yield* sql`SELECT dry_run, counts FROM retention_runs`
      expect(Number(run!.dryRun)).toBe(1)
      expect(JSON.parse(String(run!.counts))).toMatchObject({ participant_personal: 1 })
    }).pipe(Effect.provide(layer())),
  )
})
