import { pseudonymFromBytes } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Beneficiaries } from "./Beneficiaries.js"
import { appOn, callers, institutions, matchedIn, registered } from "./testing/AgreementsWorld.js"

describe.each(testDatabases())("Beneficiaries on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "shows personal data to the roles allowed it, audit-logging each read, and hides another scope's",
    () =>
      Effect.gen(function* () {
        yield* institutions(["ins_m1", "ins_m2"])
        const beneficiaries = yield* Beneficiaries
        const log = yield* AuditLog
        const { beneficiary } = yield* matchedIn("ins_m1")
        const reads = () =>
          log
            .list({ entity: `beneficiary:${beneficiary.id}`, action: "read_personal" }, {})
            .pipe(Effect.map((p) => p.items.map((e) => e.actor)))
        const seen = yield* beneficiaries.get(callers.caseWorker("ins_m1"), beneficiary.id)
        expect(seen.personal).toMatchObject({ givenName: "Test", familyName: "Person" })
        expect(yield* reads()).toEqual(["usr_cw_ins_m1"])
        const audited = yield* beneficiaries.get(callers.auditor, beneficiary.id)
        expect(audited.personal).toBeUndefined()
        expect(yield* reads()).toEqual(["usr_cw_ins_m1"])
        const foreign = yield* Effect.flip(beneficiaries.get(callers.caseWorker("ins_m2"), beneficiary.id))
        expect(foreign).toMatchObject({ _tag: "BeneficiaryNotFound" })
        expect((yield* Effect.flip(beneficiaries.get(callers.admin, "bnf_none")))._tag).toBe(
          "BeneficiaryNotFound",
        )
        const created = yield* log.list({ entity: `beneficiary:${beneficiary.id}`, action: "create" }, {})
        expect(JSON.stringify(created.items)).not.toContain("Person")
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "answers the registration with personal data only to roles allowed it",
    () =>
      Effect.gen(function* () {
        const admin = yield* registered()
        expect(admin.personal?.familyName).toBe("Person")
        expect(admin.id).toBe("bnf_000001")
        // The pseudonym's randomness comes from the Ids service: under the test ids, the first draw is 1.
        expect(admin.pseudonym).toBe(pseudonymFromBytes([0, 0, 0, 0, 1]))
        expect((yield* registered()).pseudonym).toBe(pseudonymFromBytes([0, 0, 0, 0, 2]))
      }).pipe(Effect.provide(appOn(db))),
  )

  // 22:30 UTC on 14 March 2019 is already 15 March in Sofia: a decision dated that day is not in the future.
  it.effect.skipIf(!db.available)("refuses a status decision after today in the configured zone", () =>
    Effect.gen(function* () {
      expect((yield* registered("2019-03-15")).statusDecisionDate).toBe("2019-03-15")
      const later = yield* Effect.flip(registered("2019-03-16"))
      expect(later).toMatchObject({ _tag: "ImplausibleDate", path: "statusDecisionDate" })
    }).pipe(Effect.provide(appOn(db, "2019-03-14T22:30:00.000Z"))),
  )
})
