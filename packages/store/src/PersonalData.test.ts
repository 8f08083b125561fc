import { erasePerson, type Gender, InstitutionId, NewPerson } from "@coordina/domain"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck, Layer } from "effect"
import { AuditLog } from "./AuditLog.js"
import { PersonalData } from "./PersonalData.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { repositories } from "./Store.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const salt = "store-test-salt-0123456789"

/** People and beneficiaries written straight into their tables, registered in 2018. */
const seed = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const at = "2018-01-10T09:00:00.000Z"
  yield* sql`INSERT INTO institutions ${sql.insert({
    id: "ins_1",
    name: "Община Варна",
    nameKey: "obshtina varna",
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
  const person = (
    id: string,
    givenName: string,
    survivorId: string,
    mergedInto: string | null,
    email: string | null,
  ) =>
    sql`INSERT INTO people ${sql.insert({
      id,
      givenName,
      familyName: "Иванова",
      nameKey: `${givenName} ivanova`,
      email,
      emailKey: email,
      phone: "+359 1",
      gender: "female",
      institutionId: "ins_1",
      mergedInto,
      survivorId,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })}`
  yield* person("per_a", "Мария", "per_a", null, "maria@varna.bg")
  yield* person("per_b", "Maria", "per_a", "per_a", null)
  yield* person("per_c", "Elena", "per_c", null, "elena@varna.bg")
  yield* sql`INSERT INTO beneficiaries ${sql.insert({
    id: "bnf_1",
    pseudonym: "BNF-AAAA-BBBB",
    statusKind: "refugee",
    statusDecisionDate: "2018-01-05",
    familyMembers: 2,
    createdAt: at,
  })}`
  yield* sql`INSERT INTO beneficiary_personal ${sql.insert({
    beneficiaryId: "bnf_1",
    givenName: "Ahmad",
    familyName: "Haddad",
    birthDate: "1990-02-03",
    citizenship: "SY",
    gender: "male",
  })}`
  const log = yield* AuditLog
  yield* log.record({
    actor: "usr_1",
    action: "create",
    entity: "person:per_a",
    after: { givenName: "Мария", email: "maria@varna.bg" },
  })
  yield* log.record({
    actor: "usr_1",
    action: "create",
    entity: "beneficiary:bnf_1",
    after: { personal: { givenName: "Ahmad" } },
  })
})

describe.each(testDatabases())("PersonalData on $name", (db) => {
  const layer = () => repositories.pipe(Layer.provideMerge(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)(
    "exports and erases a person with every merged record, keeping what counts",
    () =>
      Effect.gen(function* () {
        yield* seed
        const data = yield* PersonalData
        const sql = yield* SqlClient.SqlClient
        const exported = yield* data.exportPerson("per_b")
        expect(exported.records.map((r) => r.id)).toEqual(["per_a", "per_b"])
        const erased = yield* data.erasePerson("per_b", salt)
        expect(erased.records).toBe(2)
        const rows =
          yield* sql`SELECT id, given_name, family_name, email, phone, gender, institution_id, survivor_id
        FROM people ORDER BY id`
        expect(rows.slice(0, 2)).toEqual([
          {
            id: "per_a",
            givenName: "Erased",
            familyName: erased.erasureKey,
            email: null,
            phone: null,
            gender: "female",
            institutionId: "ins_1",
            survivorId: "per_a",
          },
          {
            id: "per_b",
            givenName: "Erased",
            familyName: erased.erasureKey,
            email: null,
            phone: null,
            gender: "female",
            institutionId: "ins_1",
            survivorId: "per_a",
          },
        ])
        expect(rows[2]).toMatchObject({ id: "per_c", givenName: "Elena" })
        const history = yield* (yield* AuditLog).list({ entity: "person:per_a" }, {})
        expect(JSON.stringify(history)).not.toMatch(/Мария|maria@varna/)
        expect((yield* Effect.flip(data.erasePerson("per_a", salt)))._tag).toBe("AlreadyErased")
        expect((yield* Effect.flip(data.exportPerson("per_zz")))._tag).toBe("PersonNotFound")
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "exports and erases a beneficiary's personal part, keeping the case record",
    () =>
      Effect.gen(function* () {
        yield* seed
        const data = yield* PersonalData
        const exported = yield* data.exportBeneficiary("bnf_1")
        expect(exported.personal).toMatchObject({ givenName: "Ahmad", citizenship: "SY" })
        const erased = yield* data.eraseBeneficiary("bnf_1", salt)
        const after = yield* data.exportBeneficiary("bnf_1")
        expect(after.personal).toEqual({
          givenName: "Erased",
          familyName: erased.erasureKey,
          birthDate: null,
          citizenship: null,
          gender: null,
        })
        expect(after.caseRecord).toMatchObject({
          pseudonym: "BNF-AAAA-BBBB",
          statusKind: "refugee",
          familyMembers: 2,
        })
        expect(JSON.stringify(after.history)).not.toContain("Ahmad")
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "erases in SQL exactly what the domain's erasePerson erases, on random people",
    () =>
      Effect.gen(function* () {
        yield* seed
        const people = yield* PeopleRepository
        const data = yield* PersonalData
        const inputs = FastCheck.sample(
          FastCheck.record({
            givenName: FastCheck.constantFrom("Мария", "Ivan", "Елена-Мария", "Georgi"),
            familyName: FastCheck.constantFrom("Петрова", "Ivanov", "Dimitrova", "Стоянов"),
            email: FastCheck.option(FastCheck.constantFrom("a@b.bg", "x@y.org"), { nil: undefined }),
            phone: FastCheck.option(FastCheck.constantFrom("+359 2 123", "0888"), { nil: undefined }),
            gender: FastCheck.option(
              FastCheck.constantFrom<Gender>("female", "male", "other", "undisclosed"),
              {
                nil: undefined,
              },
            ),
          }),
          { numRuns: 20, seed: 11 },
        )
        for (const [i, input] of inputs.entries()) {
          const email = input.email && `${i}.${input.email}`
          const before = yield* people.create(
            new NewPerson({ ...input, email, institutionId: InstitutionId.make("ins_1") }),
            `per_r${i}`,
          )
          const erased = yield* data.erasePerson(before.id, salt)
          const after = yield* people.get(before.id)
          const { version: _v1, ...expected } = erasePerson(before, erased.erasureKey)
          const { version: _v2, ...actual } = after
          expect({ ...actual }).toEqual({ ...expected })
          expect(after.version).toBe(before.version + 1)
        }
      }).pipe(Effect.provide(layer())),
  )
})
