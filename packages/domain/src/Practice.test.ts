import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import {
  applyPracticePatch,
  missingLanguages,
  NewPractice,
  PracticePatch,
  practiceAreas,
  practiceProblems,
  practiceSearchTerms,
  practiceSearchText,
} from "./Practice.js"

const decode = Schema.decodeUnknownSync(NewPractice)

const base = {
  country: "BE",
  area: "housing",
  level: "local",
  title: { bg: "Настаняване в Гент", en: "Housing in Ghent" },
  description: { bg: "Общината наема жилища.", en: "The city rents flats." },
  sources: [{ title: "City of Ghent", url: "https://stad.gent/en", date: "2018-05-01" }],
  eventIds: [],
  presenterIds: [],
}

describe("Practice", () => {
  it("takes the plan areas of the rule sets plus governance and coordination", () => {
    expect(practiceAreas).toContain("bulgarian_language")
    expect(practiceAreas.slice(-2)).toEqual(["governance", "coordination"])
    expect(() => decode({ ...base, area: "tourism" })).toThrow()
  })

  it("accepts a practice written in one language only and says which is missing", () => {
    const p = decode({ ...base, title: { en: "Housing in Ghent" }, description: { en: "Flats." } })
    expect(practiceProblems(p)).toEqual([])
    expect(missingLanguages(p)).toEqual(["bg"])
    expect(missingLanguages(decode(base))).toEqual([])
  })

  it("refuses, with paths, no title, a country ISO does not assign, and a source without title or http(s) URL", () => {
    const p = decode({
      ...base,
      country: "XK",
      title: { bg: "  ", en: "" },
      sources: [
        { title: "", url: "https://a.example" },
        { title: "B", url: "" },
        { title: "C", url: "ftp://c.example/file" },
        { title: "D", url: "javascript:alert(1)" },
      ],
    })
    expect(practiceProblems(p).map((e) => e.path)).toEqual([
      "country",
      "title",
      "sources.0.title",
      "sources.1.url",
      "sources.2.url",
      "sources.3.url",
    ])
  })

  it("finds Cyrillic text from Latin input and the reverse, and ignores query punctuation", () => {
    const text = practiceSearchText(decode(base))
    const has = (q: string) =>
      practiceSearchTerms(q).every((t) => text.split(" ").some((w) => w.startsWith(t)))
    expect(has("nastanyavane")).toBe(true)
    expect(has("Obshtinata")).toBe(true)
    expect(has("Гент")).toBe(true)
    expect(has("flats ghent")).toBe(true)
    expect(has("school")).toBe(false)
    expect(practiceSearchTerms("a:* & b | !c")).toEqual(["a", "b", "c"])
    expect(practiceSearchTerms("%%")).toEqual([])
  })

  it("keeps a long description whole in the search text", () => {
    const long = `${"дума ".repeat(2000)}последна`
    const text = practiceSearchText(decode({ ...base, description: { bg: long } }))
    expect(text).toContain("posledna")
  })

  it("replaces only the fields a patch sends", () => {
    const p = decode(base)
    const patched = applyPracticePatch(p, Schema.decodeUnknownSync(PracticePatch)({ level: "central" }))
    expect(patched.level).toBe("central")
    expect(patched.title).toEqual(p.title)
  })
})
