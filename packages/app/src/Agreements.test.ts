import { close, conclude, isoDate } from "@coordina/domain"
import { AgreementsRepository, AuditLog, MunicipalOffersRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Agreements } from "./Agreements.js"
import { appOn, callers, institutions, matchedIn, offerOf, registered } from "./testing/AgreementsWorld.js"

const d = isoDate

describe.each(testDatabases())("Agreements on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "gives a closed match's place back to its offer, so another may take it",
    () =>
      Effect.gen(function* () {
        yield* institutions(["ins_town"])
        const agreements = yield* Agreements
        const offer = yield* offerOf("ins_town", 1)
        const first = yield* agreements.declareIntent(callers.admin, {
          beneficiaryId: (yield* registered()).id,
          intentDate: d("2019-03-15"),
        })
        const second = yield* agreements.declareIntent(callers.admin, {
          beneficiaryId: (yield* registered()).id,
          intentDate: d("2019-03-15"),
        })
        // ids come from the Ids service: one sequence over every prefix (off, bnf, agr, bnf, agr)
        expect([first.id, second.id]).toEqual(["agr_000003", "agr_000005"])
        yield* agreements.match(callers.admin, first.id, 1, { offerId: offer.id, date: d("2019-03-20") })
        const full = yield* Effect.flip(
          agreements.match(callers.admin, second.id, undefined, { offerId: offer.id, date: d("2019-03-20") }),
        )
        expect(full._tag).toBe("NoCapacityLeft")
        const offers = yield* MunicipalOffersRepository
        expect((yield* offers.get(offer.id)).taken).toBe(1)
        const closed = yield* agreements.act(callers.admin, first.id, 2, (a, recorded) =>
          close(a, { ...recorded, date: d("2019-03-25"), reason: "refused" }),
        )
        expect(closed.state).toBe("closed")
        expect((yield* offers.get(offer.id)).taken).toBe(0)
        const matched = yield* agreements.match(callers.admin, second.id, 1, {
          offerId: offer.id,
          date: d("2019-03-26"),
        })
        expect(matched).toMatchObject({
          state: "matched",
          allowedActions: ["conclude", "close"],
          planAllowed: true,
        })
        const history = yield* agreements.events(callers.admin, first.id)
        expect(history.map((e) => [e.type, e.at, e.by])).toEqual([
          ["intent_declared", "2019-03-15T10:00:00.000Z", "usr_admin"],
          ["matched", "2019-03-15T10:00:00.000Z", "usr_admin"],
          ["closed", "2019-03-15T10:00:00.000Z", "usr_admin"],
        ])
        const audit = yield* (yield* AuditLog).list({ entity: `agreement:${first.id}` }, {})
        expect(audit.items.map((e) => e.action)).toEqual(["create", "match", "close"])
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)("refuses a stale version and changes nothing", () =>
    Effect.gen(function* () {
      yield* institutions(["ins_town"])
      const agreements = yield* Agreements
      const { agreement } = yield* matchedIn("ins_town")
      const stale = yield* Effect.flip(
        agreements.act(callers.admin, agreement.id, 1, (a, recorded) =>
          conclude(a, { ...recorded, date: d("2019-04-01"), signedBy: "Кмет" }),
        ),
      )
      expect(stale).toMatchObject({ _tag: "AgreementVersionStale", currentVersion: 2 })
      expect((yield* (yield* AgreementsRepository).get(agreement.id)).state).toBe("matched")
      const audit = yield* (yield* AuditLog).list({ entity: `agreement:${agreement.id}` }, {})
      expect(audit.items).toHaveLength(2)
    }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "answers another municipality's beneficiary exactly like a missing one, and writes nothing",
    () =>
      Effect.gen(function* () {
        yield* institutions(["ins_m1", "ins_m2"])
        const agreements = yield* Agreements
        const { beneficiary } = yield* matchedIn("ins_m2")
        const before = (yield* (yield* AgreementsRepository).list({ asOf: "2030-01-01", limit: 500 })).items
          .length
        const worker = callers.caseWorker("ins_m1")
        const foreign = yield* Effect.flip(
          agreements.declareIntent(worker, { beneficiaryId: beneficiary.id, intentDate: d("2019-04-01") }),
        )
        const missing = yield* Effect.flip(
          agreements.declareIntent(worker, {
            beneficiaryId: "bnf_none" as never,
            intentDate: d("2019-04-01"),
          }),
        )
        expect(foreign).toMatchObject({ _tag: "BeneficiaryNotFound", beneficiaryId: beneficiary.id })
        expect({ ...missing, beneficiaryId: beneficiary.id }).toEqual({ ...foreign })
        expect(
          (yield* (yield* AgreementsRepository).list({ asOf: "2030-01-01", limit: 500 })).items,
        ).toHaveLength(before)
        // the case worker of the beneficiary's municipality may
        const own = yield* agreements.declareIntent(callers.caseWorker("ins_m2"), {
          beneficiaryId: beneficiary.id,
          intentDate: d("2019-04-01"),
        })
        expect(own.state).toBe("intent_declared")
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)("lists only the caller's municipalities' agreements, in full pages", () =>
    Effect.gen(function* () {
      yield* institutions(["ins_m1", "ins_m2"])
      const agreements = yield* Agreements
      for (let i = 0; i < 3; i++) {
        yield* matchedIn("ins_m1")
        yield* matchedIn("ins_m2")
      }
      const worker = callers.caseWorker("ins_m1")
      const first = yield* agreements.list(worker, { limit: 2 })
      expect(first.items.map((a) => a.municipalityId)).toEqual(["ins_m1", "ins_m1"])
      const rest = yield* agreements.list(worker, { limit: 2, cursor: first.nextCursor! })
      expect(rest.items.map((a) => a.municipalityId)).toEqual(["ins_m1"])
      expect(rest.nextCursor).toBeNull()
      const foreign = (yield* agreements.list(callers.admin, { municipalityId: "ins_m2" })).items[0]!
      expect((yield* Effect.flip(agreements.get(worker, foreign.id)))._tag).toBe("AgreementNotFound")
    }).pipe(Effect.provide(appOn(db))),
  )
})

describe.each(testDatabases())("Agreements' affordances on $name", (db) => {
  // 22:30 UTC on 31 March 2020 is already 1 April in Sofia: a term ending on 31 March has expired.
  it.effect.skipIf(!db.available)(
    "offers the actions of today in the configured zone, for the caller's rights",
    () =>
      Effect.gen(function* () {
        yield* institutions(["ins_town"])
        const agreements = yield* Agreements
        const { agreement } = yield* matchedIn("ins_town")
        const active = yield* agreements.act(callers.admin, agreement.id, 2, (a, recorded) =>
          conclude(a, { ...recorded, date: d("2019-04-01"), signedBy: "Кмет" }),
        )
        expect(active.endDate).toBe("2020-03-31")
        expect(active.asOf).toBe("2020-04-01")
        expect(active).toMatchObject({ state: "expired", allowedActions: [], planAllowed: false })
        const onTheLastDay = yield* agreements.get(callers.admin, agreement.id, d("2020-03-31"))
        expect(onTheLastDay).toMatchObject({ state: "active", allowedActions: ["extend", "terminate"] })
        const audited = yield* agreements.get(callers.auditor, agreement.id, d("2020-03-31"))
        expect(audited).toMatchObject({ state: "active", allowedActions: [], planAllowed: false })
        const worker = yield* agreements.get(callers.caseWorker("ins_town"), agreement.id, d("2020-03-31"))
        expect(worker).toMatchObject({ allowedActions: ["extend", "terminate"], planAllowed: true })
      }).pipe(Effect.provide(appOn(db, "2020-03-31T22:30:00.000Z"))),
  )
})
