import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import {
  fullNameKey,
  matchesSearch,
  normaliseEmail,
  normaliseName,
  searchTerms,
  transliterate,
} from "./PersonName.js"

/** normaliseName as the rules read, in four passes: the one-pass version must give the same. */
const reference = (name: string) =>
  transliterate(
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/и\u0306/g, "й")
      .replace(/\p{M}/gu, ""),
  )
    .replace(/[-\u2010\u2011\u2012\u2013\u2014\u2212]/g, " ")
    .replace(/\s+/g, " ")
    .trim()

describe("normaliseName", () => {
  it("gives what the four-pass reading of the rules gives, on random names", () => {
    const piece = fc.constantFrom(
      ..."абвгдежзийклмнопрстуфхцчшщъьюяАБВЙЁёѝЍия".split(""),
      "ия",
      "Мария",
      "й",
      "и\u0306",
      "é",
      "É",
      "ö",
      "İ",
      "ß",
      "-",
      "\u2013",
      "\u2212",
      " ",
      "  ",
      "\t",
      "\u00a0",
      "\u2003",
      ".",
      "'",
      "1",
      "Ab",
      "😀",
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 12 }), (parts) => {
        const name = parts.join("")
        expect(normaliseName(name)).toBe(reference(name))
      }),
      { numRuns: 2000 },
    )
  })

  it("transliterates by the Transliteration Act's full table", () => {
    expect(normaliseName("абвгдежзийклмнопрстуфхцчшщъьюя")).toBe("abvgdezhziyklmnoprstufhtschshshtayyuya")
    expect(normaliseName("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ")).toBe("abvgdezhziyklmnoprstufhtschshshtayyuya")
  })
  it("writes a word-final -ия as ia: Мария is maria", () => {
    expect(normaliseName("Мария")).toBe("maria")
    expect(normaliseName("МАРИЯ")).toBe("maria")
    expect(normaliseName("София")).toBe("sofia")
    expect(normaliseName("Мария-Магдалена")).toBe("maria magdalena")
    // not at the end of a word: the table's own и and я
    expect(normaliseName("Илиян")).toBe("iliyan")
  })
  it("meets the Latin spelling of the same name", () => {
    expect(fullNameKey("Мария", "Петрова")).toBe(fullNameKey("Maria", "Petrova"))
    expect(fullNameKey("Петър", "Щерев")).toBe(fullNameKey("Petar", "Shterev"))
    expect(fullNameKey("Юлия", "Жечева")).toBe(fullNameKey("YULIA", "ZHECHEVA"))
    expect(fullNameKey("Цветан", "Чолаков")).toBe("tsvetan cholakov")
  })
  it("reads hyphens as spaces and collapses whitespace", () => {
    expect(fullNameKey("Елена", "Стоянова-Кирова")).toBe(fullNameKey(" Elena ", "Stoyanova   Kirova"))
    expect(normaliseName("Stoyanova\u2013Kirova")).toBe("stoyanova kirova")
    expect(normaliseName("\tИван \n Иванов  ")).toBe("ivan ivanov")
  })
  it("strips accents, and keeps й a letter of its own even when decomposed", () => {
    expect(normaliseName("Müller")).toBe("muller")
    expect(normaliseName("José Peña")).toBe("jose pena")
    expect(normaliseName("Николай".normalize("NFD"))).toBe("nikolay")
  })
  it("is idempotent and yields no upper case, Cyrillic or runs of spaces", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."АаБбЖжЩщЮюЯяИиЙй -–Ééabc Z\t".split("")) }), (s) => {
        const k = normaliseName(s)
        expect(normaliseName(k)).toBe(k)
        expect(k).not.toMatch(/[A-Z\u0400-\u04ff]|\s{2}|^\s|\s$/)
      }),
    )
  })
})

describe("search", () => {
  it("finds Cyrillic names from Latin input and the reverse", () => {
    expect(matchesSearch(fullNameKey("Мария", "Петрова"), searchTerms("petrova"))).toBe(true)
    expect(matchesSearch(fullNameKey("Maria", "Petrova"), searchTerms("Петрова Мария"))).toBe(true)
    expect(matchesSearch(fullNameKey("Георги", "Димитров"), searchTerms("geo dim"))).toBe(true)
    expect(matchesSearch(fullNameKey("Георги", "Димитров"), searchTerms("ivan"))).toBe(false)
    expect(searchTerms("   ")).toEqual([])
  })
})

describe("normaliseEmail", () => {
  it("trims and lower-cases; blank is none", () => {
    expect(normaliseEmail(" MARIA@example.bg ")).toBe("maria@example.bg")
    expect(normaliseEmail("  ")).toBeUndefined()
    expect(normaliseEmail(undefined)).toBeUndefined()
  })
})
