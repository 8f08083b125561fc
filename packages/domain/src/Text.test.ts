import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import fc from "fast-check"
import { Extension, NewProject } from "./Project.js"
import { StorableText, textIssues, textRefusal } from "./Text.js"

describe("strings from outside", () => {
  it("refuses U+0000 and lone surrogates, and keeps every real character", () => {
    expect(textRefusal("a\u0000b")).toMatch(/NUL/)
    expect(textRefusal("\ud800")).toMatch(/lone surrogate/)
    expect(textRefusal("x\udc00")).toMatch(/lone surrogate/)
    expect(textRefusal("\udc00\ud800")).toMatch(/lone surrogate/) // the wrong order is no pair
    expect(textRefusal("Мария 😀 \u200b")).toBeUndefined()
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(textRefusal(s)).toBeUndefined()
      }),
      { seed: 7, numRuns: 500 },
    )
  })
  it("names the path of every refused string in a JSON value, keys included", () => {
    expect(
      textIssues({ a: "ok", personal: { givenName: "A\u0000" }, list: ["x", "\ud83d"], "k\u0000": 1 }).map(
        (i) => i.path.join("."),
      ),
    ).toEqual(["k\u0000", "personal.givenName", "list.1"])
    expect(textIssues(JSON.parse('{"a":"\\u0000"}'))).toHaveLength(1)
  })
  it("walks any depth without the call stack", () => {
    let deep: unknown = "\u0000"
    for (let i = 0; i < 500_000; i++) deep = i % 2 ? { a: deep } : [deep]
    expect(textIssues(deep)[0]?.path).toHaveLength(500_000)
  })
  it("is a schema filter", () => {
    expect(Either.isLeft(Schema.decodeUnknownEither(StorableText)("a\u0000"))).toBe(true)
    expect(Schema.decodeUnknownSync(StorableText)("a")).toBe("a")
  })
})

describe("numbers have domain ranges", () => {
  it("an extension is 1 to 60 months", () => {
    const decode = Schema.decodeUnknownEither(Extension)
    for (const months of [0, 61, 2 ** 31, 1.5])
      expect(Either.isLeft(decode({ months, reason: "x" })), `${months}`).toBe(true)
    expect(Either.isRight(decode({ months: 60, reason: "x" }))).toBe(true)
  })
  it("a target is at most 100,000,000", () => {
    const project = (value: number) => ({
      code: "P",
      title: "T",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value }],
    })
    expect(Either.isLeft(Schema.decodeUnknownEither(NewProject)(project(2 ** 31)))).toBe(true)
    expect(Either.isRight(Schema.decodeUnknownEither(NewProject)(project(270)))).toBe(true)
  })
})
