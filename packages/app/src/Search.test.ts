import { BeneficiaryPersonal, isoDate, NewBeneficiary } from "@coordina/domain"
import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Agreements } from "./Agreements.js"
import { Beneficiaries } from "./Beneficiaries.js"
import { Search } from "./Search.js"
import { appOn, callers, institutions, offerOf } from "./testing/AgreementsWorld.js"

const d = isoDate

/** A beneficiary named so, with an intent matched to an offer of `municipalityId`. */
const caseIn = (municipalityId: string, givenName: string, familyName: string) =>
  Effect.gen(function* () {
    const beneficiary = yield* (yield* Beneficiaries).create(
      callers.admin,
      new NewBeneficiary({
        statusKind: "refugee",
        statusDecisionDate: d("2019-03-01"),
        familyMembers: 0,
        personal: new BeneficiaryPersonal({ givenName, familyName }),
      }),
    )
    const offer = yield* offerOf(municipalityId)
    const agreements = yield* Agreements
    const intent = yield* agreements.declareIntent(callers.admin, {
      beneficiaryId: beneficiary.id,
      intentDate: d("2019-03-15"),
    })
    yield* agreements.match(callers.admin, intent.id, undefined, { offerId: offer.id, date: d("2019-03-20") })
    return beneficiary
  })

describe.each(testDatabases())("Search on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "finds beneficiaries by pseudonym for every reader and by name (Latin for Cyrillic) only for those allowed, audited",
    () =>
      Effect.gen(function* () {
        yield* institutions(["ins_m1", "ins_m2"])
        const amina = yield* caseIn("ins_m1", "Амина", "Хасан")
        const other = yield* caseIn("ins_m2", "Амина", "Хасанова")
        const search = yield* Search
        const kinds = (r: { items: ReadonlyArray<{ kind: string; id: string }> }, kind: string) =>
          r.items.filter((h) => h.kind === kind).map((h) => h.id)

        const byLatin = yield* search.find(callers.admin, "amina hasan")
        expect(kinds(byLatin, "beneficiary").sort()).toEqual([amina.id, other.id].sort())
        expect(byLatin.items.find((h) => h.id === amina.id)).toMatchObject({
          label: amina.pseudonym,
          detail: "Амина Хасан",
        })
        expect(kinds(byLatin, "agreement")).toHaveLength(2)

        // A case worker sees only their municipality's case.
        const worker = yield* search.find(callers.caseWorker("ins_m1"), "Amina")
        expect(kinds(worker, "beneficiary")).toEqual([amina.id])

        // An auditor may not read names: a name finds nothing, the pseudonym finds the case, nameless.
        expect(kinds(yield* search.find(callers.auditor, "amina"), "beneficiary")).toEqual([])
        const byPseudonym = yield* search.find(callers.auditor, amina.pseudonym.slice(4).toLowerCase())
        expect(byPseudonym.items.filter((h) => h.kind === "beneficiary")).toEqual([
          { kind: "beneficiary", id: amina.id, label: amina.pseudonym },
        ])
        expect(byPseudonym.items.some((h) => h.kind === "person")).toBe(false)

        const reads = yield* (yield* AuditLog).list(
          { entity: `beneficiary:${amina.id}`, action: "read_personal" },
          {},
        )
        expect(reads.items.map((e) => e.actor)).toEqual(["usr_admin", "usr_cw_ins_m1"])
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)("pages through the caller's beneficiaries with their actions", () =>
    Effect.gen(function* () {
      yield* institutions(["ins_m1", "ins_m2"])
      const ids = [
        (yield* caseIn("ins_m1", "Ана", "Иванова")).id,
        (yield* caseIn("ins_m1", "Бисер", "Петров")).id,
        (yield* caseIn("ins_m1", "Вера", "Колева")).id,
      ]
      yield* caseIn("ins_m2", "Гео", "Милев")
      const search = yield* Search
      const worker = callers.caseWorker("ins_m1")
      const first = yield* search.beneficiaries(worker, { limit: 2 })
      const rest = yield* search.beneficiaries(worker, { limit: 2, cursor: first.nextCursor! })
      expect([...first.items, ...rest.items].map((b) => b.id)).toEqual(ids)
      expect(rest.nextCursor).toBeNull()
      expect(first.items[0]).toMatchObject({
        personal: { givenName: "Ана" },
        allowedActions: ["declare_intent"],
      })
      const audited = yield* search.beneficiaries(callers.auditor, { q: "vera" })
      expect(audited.items).toEqual([])
      const all = yield* search.beneficiaries(callers.auditor, {})
      expect(all.items).toHaveLength(4)
      expect(all.items.every((b) => b.personal === undefined && b.allowedActions.length === 0)).toBe(true)
    }).pipe(Effect.provide(appOn(db))),
  )
})
