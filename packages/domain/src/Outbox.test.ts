import { describe, expect, it } from "@effect/vitest"
import { maxAttempts, nextRetry, retryDelaysSeconds } from "./Outbox.js"

describe("nextRetry", () => {
  it("follows api.md's schedule at the middle of the jitter", () => {
    const waits = retryDelaysSeconds.map((_, i) => nextRetry(i + 1, 0.5))
    expect(waits).toEqual(
      [5, 30, 120, 600, 1800, 3600, 7200, 21600].map((s) => ({ _tag: "retry", delayMs: s * 1000 })),
    )
  })

  it("gives up after the try that follows the last wait", () => {
    expect(maxAttempts).toBe(9)
    expect(nextRetry(8, 0.5)._tag).toBe("retry")
    expect(nextRetry(9, 0.5)).toEqual({ _tag: "give_up" })
    expect(nextRetry(40, 0)).toEqual({ _tag: "give_up" })
  })

  it("spreads a wait by ±20 % and never beyond", () => {
    expect(nextRetry(1, 0)).toEqual({ _tag: "retry", delayMs: 4000 })
    expect(nextRetry(1, 0.999999)).toEqual({ _tag: "retry", delayMs: 6000 })
    expect(nextRetry(2, 5)).toEqual({ _tag: "retry", delayMs: 36000 })
    expect(nextRetry(2, -1)).toEqual({ _tag: "retry", delayMs: 24000 })
    const spread = new Set([0.1, 0.3, 0.7, 0.9].map((r) => JSON.stringify(nextRetry(3, r))))
    expect(spread.size).toBe(4)
  })
})
