import {
  acceptTask,
  BeneficiaryPersonal,
  type Agreement,
  type AgreementId,
  type AgreementState,
  completeTask,
  conclude,
  declareIntent,
  extend,
  governingRuleSet,
  isoDate,
  match,
  measureAfterTask,
  NewBeneficiary,
  NewMeasure,
  NewMunicipalOffer,
  planChanges,
  pseudonymFromBytes,
  stateOn,
  type InstitutionId,
} from "@coordina/domain"
import { randomBytes } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Either, Layer } from "effect"
import { AgreementsRepository } from "./AgreementsRepository.js"
import { BeneficiariesRepository } from "./BeneficiariesRepository.js"
import { CoordinationTasksRepository } from "./CoordinationTasksRepository.js"
import { newId } from "./Ids.js"
import { IntegrationPlansRepository } from "./IntegrationPlansRepository.js"
import { MunicipalOffersRepository } from "./MunicipalOffersRepository.js"
import { insertInstitution } from "./testing/agreementsFixtures.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

/** A random pseudonym, as the app's `Ids` draws one. */
const newPseudonym = () => pseudonymFromBytes(randomBytes(5))

const d = isoDate
const rec = { at: "2019-03-15T10:00:00.000Z", by: "test" }
const repos = Layer.mergeAll(
  AgreementsRepository.layer,
  BeneficiariesRepository.layer,
  CoordinationTasksRepository.layer,
  IntegrationPlansRepository.layer,
  MunicipalOffersRepository.layer,
)

const newBeneficiary = new NewBeneficiary({
  statusKind: "refugee",
  statusDecisionDate: d("2019-03-01"),
  familyMembers: 2,
  personal: new BeneficiaryPersonal({ givenName: "Test", familyName: "Person" }),
})

const declare = (beneficiaryId: string, intentDate = "2019-03-15") =>
  Effect.gen(function* () {
    const b = yield* (yield* BeneficiariesRepository).get(beneficiaryId)
    const intent = Either.getOrThrow(
      declareIntent({
        ...rec,
        agreementId: newId("agr") as AgreementId,
        beneficiary: b,
        intentDate: d(intentDate),
      }),
    )
    return yield* (yield* AgreementsRepository).create(intent)
  })

describe.each(testDatabases())("agreements store on $name", (db) => {
  const layer = () => repos.pipe(Layer.provideMerge(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("keeps the personal data apart from the case record", () =>
    Effect.gen(function* () {
      const beneficiaries = yield* BeneficiariesRepository
      const b = yield* beneficiaries.create(newId("bnf"), newBeneficiary, newPseudonym())
      expect(b).toMatchObject({ statusKind: "refugee", familyMembers: 2 })
      expect(b.pseudonym).toMatch(/^BNF-/)
      expect(b).not.toHaveProperty("personal")
      const personal = yield* beneficiaries.personal(b.id)
      expect(personal._tag === "Some" && personal.value.familyName).toBe("Person")
      const sql = yield* SqlClient.SqlClient
      const columns = Object.keys((yield* sql`SELECT * FROM beneficiaries`)[0]!)
      expect(columns.join(" ")).not.toMatch(/name/i)
      expect((yield* Effect.flip(beneficiaries.get("bnf_missing")))._tag).toBe("BeneficiaryNotFound")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "refuses an offer from an unknown institution or one that is not a municipality",
    () =>
      Effect.gen(function* () {
        yield* insertInstitution("ins_ministry", { kind: "state_authority" })
        const offers = yield* MunicipalOffersRepository
        const offer = (municipalityId: string) =>
          new NewMunicipalOffer({
            municipalityId: municipalityId as InstitutionId,
            date: d("2019-01-10"),
            capacity: 1,
            plannedAreas: [],
          })
        expect((yield* Effect.flip(offers.create(newId("off"), offer("ins_none"))))._tag).toBe(
          "InstitutionNotFound",
        )
        expect((yield* Effect.flip(offers.create(newId("off"), offer("ins_ministry"))))._tag).toBe(
          "NotAMunicipality",
        )
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("records every step as an event and rebuilds the snapshot from them", () =>
    Effect.gen(function* () {
      yield* insertInstitution("ins_town", { planningRegion: "BG42", province: "BG421" })
      const offers = yield* MunicipalOffersRepository
      const agreements = yield* AgreementsRepository
      const b = yield* (yield* BeneficiariesRepository).create(newId("bnf"), newBeneficiary, newPseudonym())
      const offer = yield* offers.create(
        newId("off"),
        new NewMunicipalOffer({
          municipalityId: "ins_town" as InstitutionId,
          date: d("2019-01-10"),
          capacity: 1,
          plannedAreas: ["housing"],
        }),
      )
      const a = yield* declare(b.id)
      expect(a).toMatchObject({ state: "intent_declared", intentDeadline: "2019-03-15", version: 1 })
      const matched = yield* agreements.act(a.id, 1, (current) =>
        Effect.gen(function* () {
          const o = yield* offers.get(offer.id)
          const event = yield* match(current, { ...rec, offer: o, date: d("2019-03-20") })
          yield* offers.setTaken(o.id, o.taken + 1)
          return event
        }),
      )
      expect(matched).toMatchObject({ state: "matched", municipalityId: "ins_town", version: 2 })
      expect((yield* offers.get(offer.id)).taken).toBe(1)
      const stale = yield* Effect.flip(
        agreements.act(a.id, 1, (c) => conclude(c, { ...rec, date: d("2019-04-01"), signedBy: "Кмет" })),
      )
      expect(stale).toMatchObject({ _tag: "AgreementVersionStale", expectedVersion: 1, currentVersion: 2 })
      yield* agreements.act(a.id, undefined, (c) =>
        conclude(c, { ...rec, date: d("2019-04-01"), signedBy: "Кмет" }),
      )
      const extended = yield* agreements.act(a.id, 3, (c) => extend(c, { ...rec, date: d("2020-03-01") }))
      expect(extended).toMatchObject({ endDate: "2021-03-31", extensions: 1, version: 4 })
      const refused = yield* Effect.flip(
        agreements.act(a.id, undefined, (c) => extend(c, { ...rec, date: d("2020-06-01") })),
      )
      expect(refused._tag).toBe("ExtensionLimitReached")
      const history = yield* agreements.events(a.id)
      expect(history.map((e) => e.type)).toEqual(["intent_declared", "matched", "concluded", "extended"])
      expect(history[1]).toMatchObject({ by: "test", data: { offerId: offer.id, date: "2019-03-20" } })
      expect(yield* agreements.get(a.id)).toEqual(extended)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("filters by state on a day as the domain reads it", () =>
    Effect.gen(function* () {
      yield* insertInstitution("ins_town")
      const offers = yield* MunicipalOffersRepository
      const agreements = yield* AgreementsRepository
      const b = yield* (yield* BeneficiariesRepository).create(newId("bnf"), newBeneficiary, newPseudonym())
      const offer = yield* offers.create(
        newId("off"),
        new NewMunicipalOffer({
          municipalityId: "ins_town" as InstitutionId,
          date: d("2019-01-10"),
          capacity: 10,
          plannedAreas: [],
        }),
      )
      const made: Array<Agreement> = []
      for (const [i, concludeOn] of ["2018-12-01", "2019-04-01", null].entries()) {
        const a = yield* declare(b.id, i === 0 ? "2018-11-01" : "2019-03-15")
        if (concludeOn === null) {
          made.push(a)
          continue
        }
        yield* agreements.act(a.id, undefined, (c) =>
          match(c, { ...rec, offer, date: d(i === 0 ? "2018-11-10" : "2019-03-20") }),
        )
        made.push(
          yield* agreements.act(a.id, undefined, (c) =>
            conclude(c, { ...rec, date: d(concludeOn), signedBy: "Кмет" }),
          ),
        )
      }
      for (const asOf of ["2019-06-01", "2019-12-01", "2020-05-01"]) {
        for (const state of ["intent_declared", "active", "expired"] as ReadonlyArray<AgreementState>) {
          const page = yield* agreements.list({ state, asOf, limit: 500 })
          const expected = made.filter((a) => stateOn(a, d(asOf)) === state).map((a) => a.id)
          expect(page.items.map((a) => a.id).sort(), `${state} on ${asOf}`).toEqual(expected.sort())
        }
      }
      const byTown = yield* agreements.list({ municipalityId: "ins_town", asOf: "2019-06-01" })
      expect(byTown.items).toHaveLength(2)
      expect(yield* agreements.municipalitiesOfBeneficiary(b.id)).toEqual(["ins_town"])
      const unmatched = yield* (yield* BeneficiariesRepository).create(
        newId("bnf"),
        newBeneficiary,
        newPseudonym(),
      )
      yield* declare(unmatched.id)
      expect(yield* agreements.municipalitiesOfBeneficiary(unmatched.id)).toEqual([])
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("scopes the offer list to municipalities in SQL, so pages are full", () =>
    Effect.gen(function* () {
      const offers = yield* MunicipalOffersRepository
      for (const town of ["ins_a", "ins_b"]) yield* insertInstitution(town)
      // interleaved, so a filter after paging would leave pages short
      for (let i = 0; i < 6; i++)
        yield* offers.create(
          newId("off"),
          new NewMunicipalOffer({
            municipalityId: (i % 2 === 0 ? "ins_a" : "ins_b") as InstitutionId,
            date: d("2019-01-10"),
            capacity: 1,
            plannedAreas: [],
          }),
        )
      const first = yield* offers.list({ municipalityIds: ["ins_a"], limit: 2 })
      expect(first.items.map((o) => o.municipalityId)).toEqual(["ins_a", "ins_a"])
      const rest = yield* offers.list({ municipalityIds: ["ins_a"], limit: 2, cursor: first.nextCursor! })
      expect(rest.items.map((o) => o.municipalityId)).toEqual(["ins_a"])
      expect(rest.nextCursor).toBeNull()
      expect((yield* offers.list({ municipalityIds: [] })).items).toEqual([])
      expect((yield* offers.list({})).items).toHaveLength(6)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "stores a plan, opens a task per new measure, and keeps measures that stay",
    () =>
      Effect.gen(function* () {
        yield* insertInstitution("ins_town")
        const agreements = yield* AgreementsRepository
        const plans = yield* IntegrationPlansRepository
        const tasks = yield* CoordinationTasksRepository
        const sql = yield* SqlClient.SqlClient
        const b = yield* (yield* BeneficiariesRepository).create(newId("bnf"), newBeneficiary, newPseudonym())
        const offer = yield* (yield* MunicipalOffersRepository).create(
          newId("off"),
          new NewMunicipalOffer({
            municipalityId: "ins_town" as InstitutionId,
            date: d("2019-01-10"),
            capacity: 1,
            plannedAreas: [],
          }),
        )
        const a0 = yield* declare(b.id)
        const a = yield* agreements.act(a0.id, undefined, (c) =>
          match(c, { ...rec, offer, date: d("2019-03-20") }),
        )
        const measure = (area: string, institution: string) =>
          new NewMeasure({
            area,
            responsibleInstitutionId: institution as InstitutionId,
            dueDate: d("2019-06-28"),
          })
        const setPlan = (wanted: ReadonlyArray<NewMeasure>) =>
          Effect.gen(function* () {
            const changes = Either.getOrThrow(
              planChanges(a, d("2019-04-01"), governingRuleSet(a), yield* plans.measures(a.id), wanted),
            )
            yield* plans.apply(
              a,
              changes,
              wanted,
              d("2019-04-01"),
              governingRuleSet(a),
              changes.added.map(() => ({ measureId: newId("mea"), taskId: newId("tsk") })),
            )
            yield* agreements.bumpPlanVersion(a.id, undefined)
          }).pipe(sql.withTransaction, Effect.orDie)
        const first = [measure("housing", "ins_town"), measure("health", "ins_rzok")]
        yield* setPlan(first)
        const opened = yield* tasks.forAgreement(a.id)
        expect(opened.map((t) => [t.institutionId, t.status, t.dueDate])).toEqual([
          ["ins_town", "open", "2019-06-28"],
          ["ins_rzok", "open", "2019-06-28"],
        ])
        const housingTask = opened[0]!
        const accepted = Either.getOrThrow(acceptTask(housingTask, d("2019-04-02")))
        yield* tasks.save(accepted, housingTask.version)
        const stale = yield* Effect.flip(tasks.save(accepted, housingTask.version))
        expect(stale._tag).toBe("TaskVersionStale")
        const done = Either.getOrThrow(completeTask(accepted, "housed", d("2019-05-02")))
        yield* tasks.save(done, accepted.version)
        const m = (yield* plans.measure(done.measureId))!
        yield* plans.saveMeasure(measureAfterTask(m, done))
        yield* setPlan([measure("housing", "ins_town"), measure("employment", "ins_labour")])
        const after = yield* plans.measures(a.id)
        expect(after.map((x) => [x.area, x.status])).toEqual([
          ["housing", "done"],
          ["employment", "planned"],
        ])
        expect(after[0]?.evidence).toEqual(["housed"])
        expect((yield* tasks.forAgreement(a.id)).map((t) => t.institutionId)).toEqual([
          "ins_town",
          "ins_labour",
        ])
        expect(yield* agreements.planVersion(a.id)).toBe(2)
        const inbox = yield* tasks.list({ institutionId: "ins_labour", asOf: "2019-04-01" })
        expect(inbox.items).toHaveLength(1)
        const overdue = yield* tasks.list({ overdue: true, asOf: "2019-07-01" })
        expect(overdue.items.map((t) => t.institutionId)).toEqual(["ins_labour"])
      }).pipe(Effect.provide(layer())),
  )
})
