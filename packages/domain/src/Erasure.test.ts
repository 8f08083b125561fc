import { describe, expect, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { erasePerson, erasureKeyFromDigest, frozenAttributes, isErased } from "./Erasure.js"

describe("erasure", () => {
  const key = erasureKeyFromDigest("3F9A0C17B2E4D6851234")
  it("replaces the name with the key and drops email and phone, keeping the rest", () => {
    const erased = erasePerson(
      {
        id: "per_1",
        givenName: "Мария",
        familyName: "Иванова",
        email: "m@x.bg",
        phone: "+359",
        gender: "female",
        institutionId: "ins_1",
        version: 3,
      },
      key,
    )
    expect(erased).toEqual({
      id: "per_1",
      givenName: "Erased",
      familyName: "ERASED-3f9a0c17b2e4d685",
      gender: "female",
      institutionId: "ins_1",
      version: 3,
    })
    expect(isErased(erased)).toBe(true)
    expect(isErased({ givenName: "Erased", familyName: "Smith" })).toBe(false)
  })
  it("never changes the attributes reach reads (property)", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.record({
          givenName: FastCheck.string({ minLength: 1 }),
          familyName: FastCheck.string({ minLength: 1 }),
          email: FastCheck.option(FastCheck.emailAddress(), { nil: undefined }),
          gender: FastCheck.option(FastCheck.constantFrom("female", "male", "other", "undisclosed"), {
            nil: undefined,
          }),
          institutionId: FastCheck.string({ minLength: 1 }),
        }),
        (person) => {
          expect(frozenAttributes(erasePerson(person, key))).toEqual(frozenAttributes(person))
        },
      ),
    )
  })
})
