import { InstitutionPatch, NewInstitution } from "@coordina/domain"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const sofia = new NewInstitution({
  name: "Столична община",
  kind: "municipality",
  level: "local",
  country: "BG",
  planningRegion: "BG41",
  province: "BG411",
})

describe.each(testDatabases())("InstitutionsRepository on $name", (db) => {
  const layer = () => InstitutionsRepository.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("creates, reads, finds by normalised name and lists", () =>
    Effect.gen(function* () {
      const repo = yield* InstitutionsRepository
      const created = yield* repo.create(sofia)
      expect(created).toMatchObject({ name: "Столична община", province: "BG411", version: 1 })
      expect(yield* repo.get(created.id)).toEqual(created)
      expect((yield* repo.findByName("  СТОЛИЧНА   община ")).map((i) => i.id)).toEqual([created.id])
      expect((yield* repo.findByName("Stolichna obshtina")).map((i) => i.id)).toEqual([created.id])
      const other = yield* repo.create(
        new NewInstitution({ name: "Foo", kind: "ngo", level: "central", country: "DE" }),
      )
      expect((yield* repo.list({ q: "stolichna" })).items.map((i) => i.id)).toEqual([created.id])
      const page = yield* repo.list({ limit: 1 })
      expect(page.items.map((i) => i.id)).toEqual([created.id])
      expect((yield* repo.list({ cursor: page.nextCursor! })).items.map((i) => i.id)).toEqual([other.id])
      expect((yield* repo.getMany([other.id, created.id, "ins_missing"])).length).toBe(2)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("refuses a province outside its region, and fills in the region", () =>
    Effect.gen(function* () {
      const repo = yield* InstitutionsRepository
      const error = yield* Effect.flip(repo.create(new NewInstitution({ ...sofia, planningRegion: "BG42" })))
      expect(error._tag).toBe("InvalidRegionCode")
      const { planningRegion: _, ...noRegion } = sofia
      const filled = yield* repo.create(new NewInstitution({ ...noRegion, province: "BG421" }))
      expect(filled.planningRegion).toBe("BG42")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("updates with the current version and refuses a stale one", () =>
    Effect.gen(function* () {
      const repo = yield* InstitutionsRepository
      const created = yield* repo.create(sofia)
      const updated = yield* repo.update(
        created.id,
        new InstitutionPatch({ name: "Столична община (СО)" }),
        1,
      )
      expect(updated).toMatchObject({ name: "Столична община (СО)", version: 2, province: "BG411" })
      const stale = yield* Effect.flip(repo.update(created.id, new InstitutionPatch({ name: "X" }), 1))
      expect(stale).toMatchObject({ _tag: "InstitutionVersionStale", currentVersion: 2 })
      const missing = yield* Effect.flip(repo.get("ins_missing"))
      expect(missing._tag).toBe("InstitutionNotFound")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("keeps contact addresses, replaces them whole, and starts with none", () =>
    Effect.gen(function* () {
      const repo = yield* InstitutionsRepository
      const created = yield* repo.create(sofia)
      expect(created.contactEmails).toEqual([])
      const withTwo = yield* repo.create(
        new NewInstitution({ ...sofia, contactEmails: ["office@sofia.bg", "tasks@sofia.bg"] }),
      )
      expect((yield* repo.get(withTwo.id)).contactEmails).toEqual(["office@sofia.bg", "tasks@sofia.bg"])
      const renamed = yield* repo.update(withTwo.id, new InstitutionPatch({ name: "СО" }), 1)
      expect(renamed.contactEmails).toEqual(["office@sofia.bg", "tasks@sofia.bg"])
      const replaced = yield* repo.update(
        withTwo.id,
        new InstitutionPatch({ contactEmails: ["new@sofia.bg"] }),
        2,
      )
      expect(replaced.contactEmails).toEqual(["new@sofia.bg"])
      const cleared = yield* repo.update(withTwo.id, new InstitutionPatch({ contactEmails: [] }), 3)
      expect((yield* repo.get(cleared.id)).contactEmails).toEqual([])
      // The column is a JSON array, `[]` when the institution has none.
      const sql = yield* SqlClient.SqlClient
      const [row] = yield* sql`SELECT contact_emails FROM institutions WHERE id = ${created.id}`
      expect(row?.contactEmails).toBe("[]")
    }).pipe(Effect.provide(InstitutionsRepository.layer.pipe(Layer.provideMerge(freshDatabaseLayer(db))))),
  )
})
