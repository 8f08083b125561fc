import { NewInstitution, NewPerson } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { DuplicateDismissalsRepository } from "./DuplicateDismissalsRepository.js"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const institutionsAndPeople = Effect.gen(function* () {
  const institutions = yield* InstitutionsRepository
  const people = yield* PeopleRepository
  const inst = yield* Effect.forEach(["Община А", "Община Б", "Община В"], (name) =>
    institutions.create(new NewInstitution({ name, kind: "municipality", level: "local", country: "BG" })),
  )
  // Three namesakes at three institutions: one group of three records.
  const elena = yield* Effect.forEach(inst, (i) =>
    people.create(new NewPerson({ givenName: "Елена", familyName: "Петрова", institutionId: i.id })),
  )
  return { inst: inst.map((i) => i.id), elena: elena.map((p) => p.id) }
})

describe.each(testDatabases())("DuplicateDismissalsRepository on $name", (db) => {
  const layer = () =>
    Layer.mergeAll(
      DuplicateDismissalsRepository.layer,
      PeopleRepository.layer,
      InstitutionsRepository.layer,
    ).pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("dismisses a pair in either order once, and undoes it", () =>
    Effect.gen(function* () {
      const dismissals = yield* DuplicateDismissalsRepository
      const { elena } = yield* institutionsAndPeople
      const [a, b] = [elena[0]!, elena[1]!]
      const first = yield* dismissals.dismiss([b, a], "usr_1")
      expect(first.personIds).toEqual([a, b].sort())
      expect(first.dismissedBy).toBe("usr_1")
      const again = yield* dismissals.dismiss([a, b], "usr_2")
      expect(again).toEqual(first)
      expect([...(yield* dismissals.among(elena))]).toEqual([`${[a, b].sort().join("|")}`])
      expect((yield* dismissals.among([a])).size).toBe(0)
      const undone = yield* dismissals.undo([a, b])
      expect(undone.dismissedBy).toBe("usr_1")
      expect(yield* dismissals.get([a, b])).toBeUndefined()
      const error = yield* Effect.flip(dismissals.undo([b, a]))
      expect(error).toMatchObject({ _tag: "DuplicateDismissalNotFound", personIds: [a, b].sort() })
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("keeps dismissed pairs out of the duplicates, pages staying full", () =>
    Effect.gen(function* () {
      const dismissals = yield* DuplicateDismissalsRepository
      const people = yield* PeopleRepository
      const { inst, elena } = yield* institutionsAndPeople
      const [e1, e2, e3] = [elena[0]!, elena[1]!, elena[2]!]
      // Four more two-record groups, each at two institutions.
      const names = ["Иван Христов", "Мария Янева", "Петър Тодоров", "Стоян Цветков"]
      const pairs = yield* Effect.forEach(names, (name) =>
        Effect.forEach([inst[0]!, inst[1]!], (institutionId) =>
          people.create(
            new NewPerson({ givenName: name.split(" ")[0]!, familyName: name.split(" ")[1]!, institutionId }),
          ),
        ),
      )
      const keysOf = (page: { items: ReadonlyArray<{ nameKey: string }> }) => page.items.map((g) => g.nameKey)
      const all = yield* people.duplicates({ limit: 50 })
      expect(all.items).toHaveLength(5)
      expect(all.nextCursor).toBeNull()

      // One pair of three dismissed: the group keeps all three, saying which pair is dismissed.
      yield* dismissals.dismiss([e2, e1], "usr_1")
      const group = (yield* people.duplicates({ limit: 50 })).items.find((g) =>
        g.people.some((p) => p.id === e1),
      )!
      expect(group.people.map((p) => p.id)).toEqual([e1, e2, e3])
      expect(group.dismissedPairs).toEqual([[e1, e2].sort()])
      // Every pair with e3 dismissed too: e3 leaves, e1 and e2 stay (their pair is dismissed)...
      yield* dismissals.dismiss([e1, e3], "usr_1")
      yield* dismissals.dismiss([e2, e3], "usr_1")
      expect(
        (yield* people.duplicates({ limit: 50 })).items.some((g) => g.people.some((p) => p.id === e1)),
      ).toBe(false)

      // ...and with the first two two-record groups dismissed, a page of two is still full.
      yield* dismissals.dismiss([pairs[0]![0]!.id, pairs[0]![1]!.id], "usr_1")
      const page1 = yield* people.duplicates({ limit: 2 })
      expect(page1.items).toHaveLength(2)
      expect(page1.nextCursor).not.toBeNull()
      const page2 = yield* people.duplicates({ limit: 2, cursor: page1.nextCursor! })
      expect(page2.items).toHaveLength(1)
      expect(page2.nextCursor).toBeNull()
      const listed = [...keysOf(page1), ...keysOf(page2)]
      expect(new Set(listed).size).toBe(3)
      expect(listed).toEqual(keysOf(yield* people.duplicates({ limit: 50 })))

      // Undone, the pair is offered again.
      yield* dismissals.undo([pairs[0]![1]!.id, pairs[0]![0]!.id])
      expect((yield* people.duplicates({ limit: 50 })).items).toHaveLength(4)
    }).pipe(Effect.provide(layer())),
  )
})
