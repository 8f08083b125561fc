import { NewInstitution, NewPerson } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const setup = Effect.gen(function* () {
  const institutions = yield* InstitutionsRepository
  const m1 = yield* institutions.create(
    new NewInstitution({ name: "Столична община", kind: "municipality", level: "local", country: "BG" }),
  )
  const n1 = yield* institutions.create(
    new NewInstitution({ name: "Фондация Пример", kind: "ngo", level: "central", country: "BG" }),
  )
  return { m1: m1.id, n1: n1.id }
})

describe.each(testDatabases())("PeopleRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(PeopleRepository.layer, InstitutionsRepository.layer).pipe(
      Layer.provide(freshDatabaseLayer(db)),
    )

  it.effect.skipIf(!db.available)("refuses a known email in any spelling, naming the record", () =>
    Effect.gen(function* () {
      const people = yield* PeopleRepository
      const { m1 } = yield* setup
      const maria = yield* people.create(
        new NewPerson({
          givenName: "Мария",
          familyName: "Петрова",
          email: "maria@example.bg",
          institutionId: m1,
        }),
      )
      const error = yield* Effect.flip(
        people.create(
          new NewPerson({
            givenName: "Maria",
            familyName: "P.",
            email: "MARIA@example.bg ",
            institutionId: m1,
          }),
        ),
      )
      expect(error).toMatchObject({ _tag: "EmailTaken", existingId: maria.id })
      const missing = yield* Effect.flip(
        people.create(
          new NewPerson({ givenName: "A", familyName: "B", institutionId: "ins_missing" as never }),
        ),
      )
      expect(missing._tag).toBe("InstitutionNotFound")
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)(
    "matches by email, by name and institution, and lists namesakes elsewhere",
    () =>
      Effect.gen(function* () {
        const people = yield* PeopleRepository
        const { m1, n1 } = yield* setup
        const maria = yield* people.create(
          new NewPerson({
            givenName: "Мария",
            familyName: "Петрова",
            email: "maria@example.bg",
            institutionId: m1,
          }),
        )
        const elena = yield* people.create(
          new NewPerson({ givenName: "Елена", familyName: "Стоянова-Кирова", institutionId: n1 }),
        )
        expect(yield* people.match({ givenName: "Maria", familyName: "Petrova", institutionId: m1 })).toEqual(
          {
            _tag: "SameNameAndInstitution",
            personId: maria.id,
          },
        )
        expect(
          yield* people.match({
            givenName: "X",
            familyName: "Y",
            email: " Maria@Example.bg",
            institutionId: n1,
          }),
        ).toEqual({ _tag: "SameEmail", personId: maria.id })
        expect(
          yield* people.match({ givenName: "Elena", familyName: "Stoyanova Kirova", institutionId: m1 }),
        ).toEqual({
          _tag: "New",
          possibleDuplicates: [elena.id],
        })
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("searches Cyrillic names with Latin input and the reverse", () =>
    Effect.gen(function* () {
      const people = yield* PeopleRepository
      const { m1 } = yield* setup
      const maria = yield* people.create(
        new NewPerson({ givenName: "Мария", familyName: "Петрова", institutionId: m1 }),
      )
      const ivan = yield* people.create(
        new NewPerson({ givenName: "Ivan", familyName: "Ivanov", institutionId: m1 }),
      )
      expect((yield* people.list({ q: "maria petrova" })).items.map((p) => p.id)).toEqual([maria.id])
      expect((yield* people.list({ q: "Иванов" })).items.map((p) => p.id)).toEqual([ivan.id])
      expect((yield* people.list({ q: "50%_" })).items).toEqual([])
      expect((yield* people.list({})).items).toHaveLength(2)
      // Typed on a phone: a Latin C inside the Cyrillic name, a zero-width space, a comma.
      const elena = yield* people.create(
        new NewPerson({ givenName: "Елена", familyName: "Cтоя\u200bнова,", institutionId: m1 }),
      )
      expect((yield* people.list({ q: "Стоянова" })).items.map((p) => p.id)).toEqual([elena.id])
      expect((yield* people.list({ q: "stoyanova." })).items.map((p) => p.id)).toEqual([elena.id])
      const match = yield* people.match(
        new NewPerson({ givenName: "Елена", familyName: "Стоянова", institutionId: m1 }),
      )
      expect(match).toEqual({ _tag: "SameNameAndInstitution", personId: elena.id })
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("counts every match of a search on each page, the cursor aside", () =>
    Effect.gen(function* () {
      const people = yield* PeopleRepository
      const { m1 } = yield* setup
      for (let i = 0; i < 7; i++)
        yield* people.create(
          new NewPerson({ givenName: `Иван${i}`, familyName: "Петров", institutionId: m1 }),
        )
      yield* people.create(new NewPerson({ givenName: "Мария", familyName: "Иванова", institutionId: m1 }))
      const first = yield* people.list({ q: "petrov", limit: 3 })
      expect(first.items).toHaveLength(3)
      expect(first.total).toBe(7)
      const second = yield* people.list({ q: "petrov", limit: 3, cursor: first.nextCursor! })
      expect(second.total).toBe(7)
      expect((yield* people.list({})).total).toBe(8)
      expect((yield* people.list({ q: "nobody" })).total).toBe(0)
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("fills blanks but never overwrites what is on file", () =>
    Effect.gen(function* () {
      const people = yield* PeopleRepository
      const { m1 } = yield* setup
      const ivan = yield* people.create(
        new NewPerson({ givenName: "Иван", familyName: "Иванов", gender: "male", institutionId: m1 }),
      )
      const filled = yield* people.fillBlanks(ivan.id, { email: "IVAN@example.bg", gender: "female" })
      expect(filled).toMatchObject({ email: "IVAN@example.bg", gender: "male", version: 2 })
      const again = yield* people.fillBlanks(ivan.id, { email: "other@example.bg" })
      expect(again).toMatchObject({ email: "IVAN@example.bg", version: 2 })
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("lists possible duplicates, merges, refuses bad merges and undoes", () =>
    Effect.gen(function* () {
      const people = yield* PeopleRepository
      const { m1, n1 } = yield* setup
      const a = yield* people.create(
        new NewPerson({
          givenName: "Елена",
          familyName: "Стоянова-Кирова",
          email: "elena@example.bg",
          institutionId: n1,
        }),
      )
      const b = yield* people.create(
        new NewPerson({ givenName: "Elena", familyName: "Stoyanova Kirova", institutionId: m1 }),
      )
      const dupes = yield* people.duplicates({})
      expect(dupes.items.map((g) => [g.nameKey, g.people.map((p) => p.id)])).toEqual([
        ["elena stoyanova kirova", [a.id, b.id]],
      ])
      const merged = yield* people.merge(b.id, a.id)
      expect(merged.mergedInto).toBe(a.id)
      expect(yield* people.survivor(b.id)).toBe(a.id)
      expect((yield* people.duplicates({})).items).toEqual([])
      expect((yield* people.list({ q: "elena" })).items.map((p) => p.id)).toEqual([a.id])
      expect((yield* Effect.flip(people.merge(b.id, a.id)))._tag).toBe("MergeRefused")
      expect((yield* Effect.flip(people.merge(a.id, a.id)))._tag).toBe("MergeRefused")
      expect((yield* Effect.flip(people.merge(a.id, b.id)))._tag).toBe("MergeRefused")
      // The merged record's email still leads to the survivor.
      const c = yield* people.create(
        new NewPerson({ givenName: "Петър", familyName: "Николов", institutionId: n1 }),
      )
      yield* people.merge(a.id, c.id)
      expect(yield* people.survivor(b.id)).toBe(c.id)
      expect(
        yield* people.match({
          givenName: "Z",
          familyName: "Z",
          email: "elena@example.bg",
          institutionId: m1,
        }),
      ).toEqual({ _tag: "SameEmail", personId: c.id })
      yield* people.unmerge(a.id)
      expect(yield* people.survivor(a.id)).toBe(a.id)
      expect(yield* people.survivor(b.id)).toBe(a.id)
      yield* people.unmerge(b.id)
      expect(yield* people.survivor(b.id)).toBe(b.id)
      expect((yield* Effect.flip(people.unmerge(b.id)))._tag).toBe("MergeRefused")
    }).pipe(Effect.provide(layer())),
  )
})
