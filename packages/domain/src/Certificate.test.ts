import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { CertificateCode, certificateCodeOf, initials } from "./Certificate.js"

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

describe("certificateCodeOf", () => {
  it("reads 100 bits as five groups of four Crockford symbols", () => {
    const zero = certificateCodeOf(new Uint8Array(13))
    expect(zero).toBe("0000-0000-0000-0000-0000")
    const ones = certificateCodeOf(new Uint8Array(13).fill(255))
    expect(ones).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    const last = new Uint8Array(13)
    // 104 bits in, the low 100 read: the first byte's top four bits are left over.
    last[0] = 0b1111_0000
    last[12] = 0b0010_0001
    expect(certificateCodeOf(last)).toBe("0000-0000-0000-0000-0011")
  })

  it("always makes a valid code, and different bytes different codes", () => {
    const is = Schema.is(CertificateCode)
    const a = certificateCodeOf(Uint8Array.from({ length: 13 }, (_, i) => i * 19 + 7))
    const b = certificateCodeOf(Uint8Array.from({ length: 13 }, (_, i) => i * 19 + 8))
    expect(is(a)).toBe(true)
    expect(is(b)).toBe(true)
    expect(a).not.toBe(b)
  })

  it("refuses too few bytes", () => {
    expect(() => certificateCodeOf(new Uint8Array(12))).toThrow(RangeError)
  })
})
