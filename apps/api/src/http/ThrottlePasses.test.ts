import { describe, expect, it } from "vitest"
import { makeThrottlePasses } from "./ThrottlePasses.js"

describe("throttle passes", () => {
  it("keeps a pass for its time to live and no longer", () => {
    const passes = makeThrottlePasses({ ttlMs: 1_000, maxAddresses: 10 })
    expect(passes.passed("10.0.0.1", 0)).toBe(false)
    passes.remember("10.0.0.1", 0)
    expect(passes.passed("10.0.0.1", 999)).toBe(true)
    expect(passes.passed("10.0.0.2", 999)).toBe(false)
    expect(passes.passed("10.0.0.1", 1_000)).toBe(false)
    expect(passes.size()).toBe(0)
  })

  it("forgets an address's pass when it sends a wrong token", () => {
    const passes = makeThrottlePasses({ ttlMs: 1_000, maxAddresses: 10 })
    passes.remember("10.0.0.1", 0)
    passes.remember("10.0.0.2", 0)
    passes.forget("10.0.0.1")
    expect(passes.passed("10.0.0.1", 1)).toBe(false)
    expect(passes.passed("10.0.0.2", 1)).toBe(true)
  })

  it("holds at most maxAddresses, whatever the number of addresses sending", () => {
    const passes = makeThrottlePasses({ ttlMs: 1_000, maxAddresses: 100 })
    for (let i = 0; i < 10_000; i++) {
      passes.remember(`10.0.${i >> 8}.${i & 255}`, 0)
      expect(passes.size()).toBeLessThanOrEqual(100)
    }
    expect(passes.passed("10.0.39.15", 1)).toBe(true)
  })
})

describe("throttle checks in flight", () => {
  it("are shared by address until they settle, whether they succeed or fail", async () => {
    const passes = makeThrottlePasses({ ttlMs: 1_000, maxAddresses: 10 })
    let finish: (ok: boolean) => void = () => undefined
    const check = passes.track("10.0.0.1", new Promise<boolean>((r) => (finish = r)))
    expect(passes.pending("10.0.0.1")).toBe(check)
    expect(passes.pending("10.0.0.2")).toBeUndefined()
    finish(true)
    await check
    expect(passes.pending("10.0.0.1")).toBeUndefined()
    const failing = passes.track("10.0.0.1", Promise.reject(new Error("database gone")))
    await expect(failing).rejects.toThrow("database gone")
    expect(passes.pending("10.0.0.1")).toBeUndefined()
  })
})
