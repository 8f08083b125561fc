import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import {
  ContactEmails,
  effectiveTargetGroup,
  inTargetGroup,
  maxContactEmails,
  NewInstitution,
  validateLocation,
} from "./Institution.js"
import {
  findPlanningRegion,
  planningRegions,
  provinceIsInRegion,
  regionOfProvince,
} from "./PlanningRegions.js"

describe("planning regions", () => {
  it("holds the six NUTS-2 regions and 28 provinces", () => {
    expect(planningRegions.map((r) => r.code)).toEqual(["BG31", "BG32", "BG33", "BG34", "BG41", "BG42"])
    expect(planningRegions.flatMap((r) => r.provinces)).toHaveLength(28)
    expect(regionOfProvince("BG315")?.nameEn).toBe("North-West")
    expect(findPlanningRegion("BG41")?.nameBg).toBe("Югозападен")
    expect(provinceIsInRegion("BG411", "BG41")).toBe(true)
    expect(provinceIsInRegion("BG411", "BG42")).toBe(false)
  })
})

describe("institutions", () => {
  const decode = Schema.decodeUnknownEither(NewInstitution)
  const sofia = { name: "Столична община", kind: "municipality", level: "local", country: "BG" }
  it("decodes known region and province codes and refuses unknown ones", () => {
    expect(Either.isRight(decode({ ...sofia, planningRegion: "BG41", province: "BG411" }))).toBe(true)
    expect(Either.isLeft(decode({ ...sofia, planningRegion: "BG43" }))).toBe(true)
    expect(Either.isLeft(decode({ ...sofia, province: "BG499" }))).toBe(true)
    expect(Either.isLeft(decode({ ...sofia, country: "bg" }))).toBe(true)
    expect(Either.isLeft(decode({ ...sofia, kind: "company" }))).toBe(true)
  })
  it("requires a province within its planning region, and fills in the region of a province", () => {
    expect(
      Either.isLeft(validateLocation({ country: "BG", planningRegion: "BG42", province: "BG411" })),
    ).toBe(true)
    expect(validateLocation({ country: "BG", province: "BG421" })).toEqual(
      Either.right({ country: "BG", province: "BG421", planningRegion: "BG42" }),
    )
    expect(Either.isLeft(validateLocation({ country: "DE", planningRegion: "BG41" }))).toBe(true)
    expect(Either.isRight(validateLocation({ country: "DE" }))).toBe(true)
  })
  it("targets Bulgarian institutions of every kind but other by default", () => {
    const group = effectiveTargetGroup(undefined)
    const bg = { id: "i", kind: "ngo", level: "central", country: "BG" } as const
    expect(inTargetGroup(group, bg)).toBe(true)
    expect(inTargetGroup(group, { ...bg, kind: "other" })).toBe(false)
    expect(inTargetGroup(group, { ...bg, country: "DE" })).toBe(false)
    expect(inTargetGroup(group, undefined)).toBe(false)
    expect(inTargetGroup(effectiveTargetGroup({ levels: ["local"] }), bg)).toBe(false)
  })
})

describe("contact addresses", () => {
  const decode = Schema.decodeUnknownEither(ContactEmails)
  it("trims, lower-cases and drops repeats, keeping the first order", () => {
    expect(decode([" B@x.bg", "a@x.bg", "b@X.BG"])).toEqual(Either.right(["b@x.bg", "a@x.bg"]))
  })
  it("refuses lists, display names and more than the maximum", () => {
    expect(Either.isLeft(decode(["a@x.bg;b@x.bg"]))).toBe(true)
    expect(Either.isLeft(decode(["A <a@x.bg>"]))).toBe(true)
    expect(Either.isLeft(decode(["a@localhost"]))).toBe(true)
    expect(Either.isLeft(decode(Array.from({ length: maxContactEmails + 1 }, (_, i) => `a${i}@x.bg`)))).toBe(
      true,
    )
  })
})
