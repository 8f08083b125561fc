import { type InstitutionId, isoDate, NewMunicipalOffer } from "@coordina/domain"
import { AuditLog, MunicipalOffersRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { MunicipalOffers } from "./MunicipalOffers.js"
import { appOn, callers, institutions, offerOf } from "./testing/AgreementsWorld.js"

const offer = (municipalityId: string) =>
  new NewMunicipalOffer({
    municipalityId: municipalityId as InstitutionId,
    date: isoDate("2019-01-10"),
    capacity: 2,
    plannedAreas: ["housing"],
  })

describe.each(testDatabases())("MunicipalOffers on $name", (db) => {
  it.effect.skipIf(!db.available)("lets a case worker record offers only for their municipalities", () =>
    Effect.gen(function* () {
      yield* institutions(["ins_m1", "ins_m2"])
      const offers = yield* MunicipalOffers
      const worker = callers.caseWorker("ins_m1")
      const refused = yield* Effect.flip(offers.create(worker, offer("ins_m2")))
      expect(refused).toMatchObject({ _tag: "MunicipalityOutOfScope", municipalityId: "ins_m2" })
      expect((yield* (yield* MunicipalOffersRepository).list({})).items).toEqual([])
      const own = yield* offers.create(worker, offer("ins_m1"))
      expect(own).toMatchObject({ id: "off_000001", municipalityId: "ins_m1", remaining: 2 })
      const audit = yield* (yield* AuditLog).list({ entity: `municipal_offer:${own.id}` }, {})
      expect(audit.items.map((e) => [e.action, e.actor])).toEqual([["create", worker.id]])
      expect((yield* Effect.flip(offers.create(callers.admin, offer("ins_none"))))._tag).toBe(
        "InstitutionNotFound",
      )
    }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)("lists a case worker's municipalities' offers only, in full pages", () =>
    Effect.gen(function* () {
      yield* institutions(["ins_m1", "ins_m2"])
      for (let i = 0; i < 3; i++) {
        yield* offerOf("ins_m2")
        yield* offerOf("ins_m1")
      }
      const offers = yield* MunicipalOffers
      const worker = callers.caseWorker("ins_m1")
      const first = yield* offers.list(worker, { limit: 2 })
      expect(first.items.map((o) => o.municipalityId)).toEqual(["ins_m1", "ins_m1"])
      const rest = yield* offers.list(worker, { limit: 2, cursor: first.nextCursor! })
      expect([rest.items.length, rest.nextCursor]).toEqual([1, null])
      expect((yield* offers.list(worker, { municipalityId: "ins_m2" })).items).toEqual([])
      expect((yield* offers.list(callers.auditor, {})).items).toHaveLength(6)
    }).pipe(Effect.provide(appOn(db))),
  )
})
