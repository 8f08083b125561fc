import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { CertificateCode, initials } from "./Certificate.js"

describe("initials", () => {
  it("takes the first letter of each Cyrillic or Latin name, upper-cased", () => {
    expect(initials("иван", "Петров")).toBe("И. П.")
    expect(initials("Ana", "bell")).toBe("A. B.")
    expect(initials("  Ёлена", "'Щукина")).toBe("Ё. Щ.")
  })

  it("gives no initial for an empty or letterless part", () => {
    expect(initials("", "Петров")).toBe("П.")
    expect(initials("Мария", " - ")).toBe("М.")
  })
})

describe("CertificateCode", () => {
  const is = Schema.is(CertificateCode)
  it("accepts Crockford base32 groups and refuses the excluded letters", () => {
    expect(is("7K2M-9QRS-TV0A-BCDE-FGHJ")).toBe(true)
    expect(is("7K2M-9QRS-TV0A-BCDE-FGHI")).toBe(false)
    expect(is("7k2m-9qrs")).toBe(false)
  })
})
