import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { NewBeneficiary, Pseudonym, pseudonymFromBytes } from "./Beneficiary.js"
import { type MunicipalOffer, releasePlace, remainingCapacity, takePlace } from "./MunicipalOffer.js"

describe("beneficiaries", () => {
  it("decodes a registration with personal data kept in its own part", () => {
    const b = Schema.decodeUnknownSync(NewBeneficiary)({
      statusKind: "humanitarian",
      statusDecisionDate: "2019-03-01",
      familyMembers: 2,
      personal: { givenName: "Test", familyName: "Person" },
    })
    expect(b.personal.givenName).toBe("Test")
  })
  it("refuses an unknown status kind and negative family members", () => {
    const decode = Schema.decodeUnknownEither(NewBeneficiary)
    const base = { statusDecisionDate: "2019-03-01", personal: { givenName: "A", familyName: "B" } }
    expect(Either.isLeft(decode({ ...base, statusKind: "tourist", familyMembers: 0 }))).toBe(true)
    expect(Either.isLeft(decode({ ...base, statusKind: "refugee", familyMembers: -1 }))).toBe(true)
  })
  it("makes pseudonyms of the documented form from the bytes given", () => {
    const p = pseudonymFromBytes([1, 2, 3, 4, 5])
    expect(Schema.is(Pseudonym)(p)).toBe(true)
    expect(pseudonymFromBytes([1, 2, 3, 4, 5])).toBe(p)
    expect(pseudonymFromBytes([255, 2, 3, 4, 5])).not.toBe(p)
  })
})

describe("municipal offers", () => {
  const offer = { id: "off_1", capacity: 2, taken: 1 } as unknown as MunicipalOffer
  it("takes a place while one is left, then refuses with NoCapacityLeft", () => {
    expect(remainingCapacity(offer)).toBe(1)
    expect(takePlace(offer)).toEqual(Either.right(2))
    const full = { ...offer, taken: 2 } as MunicipalOffer
    expect(Either.getLeft(takePlace(full)).pipe((o) => o._tag === "Some" && o.value._tag)).toBe(
      "NoCapacityLeft",
    )
    expect(releasePlace(full)).toBe(1)
    expect(releasePlace({ taken: 0 })).toBe(0)
  })
})
