import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import {
  BeneficiaryPersonal,
  beneficiaryDatesRefusal,
  NewBeneficiary,
  Pseudonym,
  pseudonymFromBytes,
} from "./Beneficiary.js"
import { isoDate } from "./CalendarDate.js"
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

describe("beneficiaryDatesRefusal", () => {
  const today = isoDate("2026-12-01")
  const with_ = (statusDecisionDate: string, birthDate?: string) => ({
    statusDecisionDate: isoDate(statusDecisionDate),
    personal: birthDate === undefined ? {} : { birthDate: isoDate(birthDate) },
  })
  it("accepts a birth date and a decision in the past, in that order", () => {
    expect(beneficiaryDatesRefusal(with_("2019-03-01", "1990-05-05"), today)).toBeUndefined()
    expect(beneficiaryDatesRefusal(with_("2026-12-01"), today)).toBeUndefined()
  })
  it("refuses a birth date or a decision after today, and a decision before the birth", () => {
    expect(beneficiaryDatesRefusal(with_("2019-03-01", "2026-12-02"), today)?.path).toBe("personal.birthDate")
    expect(beneficiaryDatesRefusal(with_("2027-01-01"), today)?.path).toBe("statusDecisionDate")
    expect(beneficiaryDatesRefusal(with_("1989-01-01", "1990-05-05"), today)?.message).toMatch(
      /before the birth/,
    )
  })
  it("takes only plausible dates: 1900 to 2100", () => {
    const decode = Schema.decodeUnknownEither(NewBeneficiary)
    const body = (birthDate: string) => ({
      statusKind: "refugee",
      statusDecisionDate: "2019-03-01",
      familyMembers: 0,
      personal: { givenName: "A", familyName: "B", birthDate },
    })
    expect(Either.isLeft(decode(body("9999-12-31")))).toBe(true)
    expect(Either.isLeft(decode(body("1899-12-31")))).toBe(true)
    expect(Either.isRight(decode(body("1900-01-01")))).toBe(true)
  })
  it("refuses NUL and lone surrogates in the personal data", () => {
    const decode = Schema.decodeUnknownEither(BeneficiaryPersonal)
    expect(Either.isLeft(decode({ givenName: "A\u0000", familyName: "B" }))).toBe(true)
    expect(Either.isLeft(decode({ givenName: "A\ud800", familyName: "B" }))).toBe(true)
    expect(Either.isRight(decode({ givenName: "A😀", familyName: "B" }))).toBe(true)
  })
})
