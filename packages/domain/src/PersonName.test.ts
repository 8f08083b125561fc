import { describe, expect, it } from "@effect/vitest"
import { FastCheck as efc } from "effect"
import fc from "fast-check"
import {
  foldLookalikes,
  fullNameKey,
  lookalikes,
  matchesSearch,
  nameKeyMaxLength,
  normaliseEmail,
  normaliseName,
  findsNobody,
  searchTerms,
} from "./PersonName.js"

describe("normaliseName", () => {
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
    efc.assert(
      efc.property(
        efc.string({ unit: efc.constantFrom(..."АаБбЖжЩщЮюЯяИиЙй -–Ééabc Z\t".split("")) }),
        (s) => {
          const k = normaliseName(s)
          expect(normaliseName(k)).toBe(k)
          expect(k).not.toMatch(/[A-Z\u0400-\u04ff]|\s{2}|^\s|\s$/)
        },
      ),
    )
  })
})

describe("names as people type them", () => {
  it("folds Latin lookalikes inside a Cyrillic word, and Cyrillic ones inside a Latin word", () => {
    expect(normaliseName("Cтоянова")).toBe("stoyanova") // Latin C
    expect(normaliseName("Тoдоpов")).toBe("todorov") // Latin o and p
    expect(normaliseName("ХРИСТOВ")).toBe("hristov") // Latin O
    expect(normaliseName("Bасил")).toBe("vasil") // Latin B is В here
    expect(normaliseName("Hиколай")).toBe("nikolay") // Latin H is Н here
    expect(normaliseName("Petrоva")).toBe("petrova") // Cyrillic о
    expect(normaliseName("Сarter")).toBe("carter") // Cyrillic С
    expect(fullNameKey("Мaрия", "Пeтрова")).toBe(fullNameKey("Мария", "Петрова"))
  })
  it("leaves a word written evenly in both scripts, and words of one script, as they are", () => {
    expect(foldLookalikes("Cа")).toBe("Cа")
    expect(foldLookalikes("Петров")).toBe("Петров")
    expect(foldLookalikes("Carter")).toBe("Carter")
    // each word is judged on its own: a Latin word next to a Cyrillic one stays Latin
    expect(normaliseName("Мария Curie")).toBe("maria curie")
  })
  it("drops zero-width characters, soft hyphens and the BOM", () => {
    expect(normaliseName("Пет\u200bрова")).toBe("petrova")
    expect(normaliseName("\ufeffMaria")).toBe("maria")
    expect(normaliseName("Стоя\u00adнова")).toBe("stoyanova")
    expect(normaliseName("Ива\u200dн\u2060")).toBe("ivan")
  })
  it("skips the search for format characters only where none can be: printable ASCII and Cyrillic", () => {
    const format = /\p{Cf}/u
    for (const [from, to] of [
      [0x20, 0x7e],
      [0x400, 0x4ff],
    ] as const)
      for (let code = from; code <= to; code++) expect(format.test(String.fromCharCode(code))).toBe(false)
  })
  it("reads punctuation as a space", () => {
    expect(normaliseName("petrov,")).toBe("petrov")
    expect(normaliseName("maria.")).toBe("maria")
    expect(normaliseName("(Иван) „Иванов“")).toBe("ivan ivanov")
    expect(fullNameKey("Maria,", "Petrova.")).toBe(fullNameKey("Мария", "Петрова"))
    expect(normaliseName("Мария,Петрова")).toBe("maria petrova")
  })
  it("bounds a key to fit a database index entry, however much a name lengthens", () => {
    const key = normaliseName("\ufdfa".repeat(200)) // one character NFKC writes as 18
    expect(key.length).toBeLessThanOrEqual(nameKeyMaxLength)
    expect(new TextEncoder().encode(key).length).toBeLessThanOrEqual(2400)
    expect(normaliseName("щ".repeat(400))).toBe("sht".repeat(400).slice(0, nameKeyMaxLength))
  })
  it("unifies compatibility forms (NFKC): full-width letters and ligatures", () => {
    expect(normaliseName("\uff2d\uff41\uff52\uff49\uff41")).toBe("maria") // full-width Maria
    expect(normaliseName("Gri\ufb03n")).toBe("griffin") // the ffi ligature
  })
})

// The property: any name, with lookalike letters of the other script swapped into fewer than
// half of each word's letters, invisible characters anywhere and punctuation around the words,
// matches the clean name.
const cyrillicLetters = [..."абвгдежзийклмнопрстуфхцчшщъьюя"]
const latinLetters = [..."abcdefghijklmnopqrstuvwxyz"]
const invisibles = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u200e"]
const punctuation = [",", ".", ";", ":", "(", ")", "'", '"', "-", "\u2013", "\u2014", "/", "!", "?", "„", "“"]
const swapOf = new Map(lookalikes.flatMap(([l, c]) => [[l, c] as const, [c, l] as const]))

const word = (letters: ReadonlyArray<string>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...letters), fc.boolean()), { minLength: 1, maxLength: 12 })
    .map((cs) => cs.map(([ch, upper]) => (upper ? ch.toUpperCase() : ch)).join(""))
const cleanWord = fc.oneof(word(cyrillicLetters), word(latinLetters))

/** Swaps lookalikes into fewer than half of the word's letters, chosen by `picks`. */
const swapSome = (w: string, picks: ReadonlyArray<number>): string => {
  const chars = [...w]
  const swappable = chars.flatMap((ch, i) => (swapOf.has(ch) ? [i] : []))
  const budget = Math.ceil(chars.length / 2) - 1
  const chosen = new Set(picks.map((p) => swappable[p % Math.max(swappable.length, 1)]).slice(0, budget))
  return chars.map((ch, i) => (chosen.has(i) ? swapOf.get(ch)! : ch)).join("")
}

/** Puts invisible characters at the given positions of a word. */
const sprinkle = (w: string, at: ReadonlyArray<readonly [number, string]>): string => {
  const chars = [...w]
  for (const [p, ch] of at) chars.splice(p % (chars.length + 1), 0, ch)
  return chars.join("")
}

const dirtyWord = fc
  .record({
    clean: cleanWord,
    picks: fc.array(fc.nat(), { maxLength: 6 }),
    hidden: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisibles)), { maxLength: 4 }),
    before: fc.array(fc.constantFrom(...punctuation), { maxLength: 2 }),
    after: fc.array(fc.constantFrom(...punctuation), { maxLength: 2 }),
  })
  .map(({ clean, picks, hidden, before, after }) => ({
    clean,
    dirty: before.join("") + sprinkle(swapSome(clean, picks), hidden) + after.join(""),
  }))
const between = fc.constantFrom(" ", "  ", "\t", ", ", ",", " - ", "\u00a0", "\u200b ", "/")

describe("names as people type them: the property", () => {
  it("any name with lookalikes, invisibles and punctuation sprinkled in matches the clean name", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(dirtyWord, between), { minLength: 1, maxLength: 4 }), (words) => {
        const clean = words.map(([w]) => w.clean).join(" ")
        const dirty = words.map(([w, sep]) => w.dirty + sep).join("")
        expect(normaliseName(dirty)).toBe(normaliseName(clean))
        expect(matchesSearch(normaliseName(clean), searchTerms(dirty))).toBe(true)
      }),
      { seed: 20261201, numRuns: 2000 },
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
    expect(findsNobody("   ")).toBe(false)
    expect(findsNobody("%")).toBe(true)
    expect(findsNobody("% мария")).toBe(false)
  })
})

describe("normaliseEmail", () => {
  it("trims and lower-cases; blank is none", () => {
    expect(normaliseEmail(" MARIA@example.bg ")).toBe("maria@example.bg")
    expect(normaliseEmail("  ")).toBeUndefined()
    expect(normaliseEmail(undefined)).toBeUndefined()
  })
})
