import { describe, expect, it } from "@effect/vitest"
import { mergeRefusal, personKeys, survivorOf } from "./Person.js"
import {
  duplicatePairKey,
  type MatchCandidate,
  matchPerson,
  possibleDuplicateGroups,
  withoutDismissedPairs,
} from "./PersonMatch.js"

const onFile = (
  id: string,
  given: string,
  family: string,
  institutionId: string,
  email?: string,
): MatchCandidate => ({
  id,
  institutionId,
  ...personKeys({ givenName: given, familyName: family, email }),
})

const maria = onFile("per_1", "Мария", "Петрова", "m1", "maria@example.bg")
const ivan = onFile("per_2", "Иван", "Иванов", "m1")
const elena = onFile("per_5", "Елена", "Стоянова-Кирова", "n1", "elena@example.bg")
const people = [maria, ivan, elena]

describe("matchPerson", () => {
  it("matches the same email whatever the spelling of the name", () => {
    expect(
      matchPerson(
        { givenName: "Maria", familyName: "P.", email: " MARIA@example.bg ", institutionId: "m2" },
        people,
      ),
    ).toEqual({ _tag: "SameEmail", personId: "per_1" })
  })
  it("matches the Latin spelling of a Cyrillic name at the same institution", () => {
    expect(matchPerson({ givenName: "Maria", familyName: "Petrova", institutionId: "m1" }, people)).toEqual({
      _tag: "SameNameAndInstitution",
      personId: "per_1",
    })
    expect(
      matchPerson(
        { givenName: "IVAN", familyName: "IVANOV", email: "ivan@example.bg", institutionId: "m1" },
        people,
      ),
    ).toEqual({ _tag: "SameNameAndInstitution", personId: "per_2" })
  })
  it("keeps namesakes at other institutions apart, listing them as possible duplicates", () => {
    expect(
      matchPerson({ givenName: "Elena", familyName: "Stoyanova Kirova", institutionId: "m1" }, people),
    ).toEqual({ _tag: "New", possibleDuplicates: ["per_5"] })
  })
  it("treats someone unknown as new", () => {
    expect(matchPerson({ givenName: "Петър", familyName: "Николов", institutionId: "n1" }, people)).toEqual({
      _tag: "New",
      possibleDuplicates: [],
    })
  })
  it("does not depend on the order of the candidates", () => {
    const twin = onFile("per_9", "Maria", "Petrova", "m1", "other@example.bg")
    const a = matchPerson({ givenName: "Мария", familyName: "Петрова", institutionId: "m1" }, [
      twin,
      ...people,
    ])
    const b = matchPerson({ givenName: "Мария", familyName: "Петрова", institutionId: "m1" }, [
      ...people,
      twin,
    ])
    expect(a).toEqual(b)
    expect(a).toEqual({ _tag: "SameNameAndInstitution", personId: "per_1" })
  })
})

describe("possibleDuplicateGroups", () => {
  it("lists one name at several institutions, not one name at one institution", () => {
    const elsewhere = onFile("per_6", "Elena", "Stoyanova Kirova", "m1")
    const sameInst = onFile("per_7", "Ivan", "Ivanov", "m1", "ivan2@example.bg")
    expect(possibleDuplicateGroups([...people, elsewhere, sameInst])).toEqual([
      { nameKey: "elena stoyanova kirova", personIds: ["per_5", "per_6"] },
    ])
  })
})

describe("merging", () => {
  it("follows merge links to the survivor", () => {
    const links: Record<string, string> = { a: "b", b: "c" }
    expect(survivorOf("a", (id) => links[id])).toBe("c")
    expect(survivorOf("c", (id) => links[id])).toBe("c")
  })
  it("refuses merging into oneself, twice, or into a merged record", () => {
    expect(mergeRefusal({ id: "a" }, { id: "a" })).toMatch(/themselves/)
    expect(mergeRefusal({ id: "a", mergedInto: "b" }, { id: "c" })).toMatch(/already merged/)
    expect(mergeRefusal({ id: "a" }, { id: "b", mergedInto: "c" })).toMatch(/surviving/)
    expect(mergeRefusal({ id: "a" }, { id: "b" })).toBeUndefined()
  })
})

describe("dismissed duplicate pairs", () => {
  it("has one key whichever order the pair comes in", () => {
    expect(duplicatePairKey("per_2", "per_1")).toBe(duplicatePairKey("per_1", "per_2"))
    expect(duplicatePairKey("per_1", "per_2")).not.toBe(duplicatePairKey("per_1", "per_3"))
  })

  it("keeps only undismissed pairs and drops a group with none left", () => {
    const groups = [
      { nameKey: "a", personIds: ["per_1", "per_2", "per_3"] },
      { nameKey: "b", personIds: ["per_4", "per_5"] },
    ]
    const dismissed = new Set([
      duplicatePairKey("per_2", "per_1"),
      duplicatePairKey("per_3", "per_1"),
      duplicatePairKey("per_5", "per_4"),
    ])
    expect(withoutDismissedPairs(groups, dismissed)).toEqual([
      { nameKey: "a", personIds: ["per_2", "per_3"] },
    ])
    expect(withoutDismissedPairs(groups, new Set())).toEqual(groups)
  })
})
