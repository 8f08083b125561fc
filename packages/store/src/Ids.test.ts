import { describe, expect, it } from "@effect/vitest"
import { newId } from "./Ids.js"

describe("newId", () => {
  it("orders ids by creation and never repeats one, across refills of the random pool", () => {
    const ids = Array.from({ length: 5000 }, () => newId("per"))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]).toMatch(/^per_[0-9a-z]{13}[0-9a-f]{12}$/)
  })
})
