import { describe, expect, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { sessionValid, signInLimits, throttleSignIn, throttleTokens, tokenLimits } from "./SignIn.js"

const minute = 60_000
const now = Date.parse("2026-03-01T10:00:00Z")

describe("sign-in throttle", () => {
  it("lets ten failures for an account through, and refuses the eleventh attempt", () => {
    const nine = Array.from({ length: 9 }, (_, i) => now - (i + 1) * minute)
    expect(throttleSignIn({ account: nine, address: [] }, now)._tag).toBe("Proceed")
    const ten = [...nine, now - 10 * minute]
    const decision = throttleSignIn({ account: ten, address: [] }, now)
    // The oldest failure (10 minutes ago) leaves the 15-minute window in 5 minutes.
    expect(decision).toEqual({ _tag: "Wait", retryAfterSeconds: 300 })
  })
  it("forgets failures older than fifteen minutes", () => {
    const old = Array.from({ length: 50 }, () => now - 16 * minute)
    expect(throttleSignIn({ account: old, address: old }, now)._tag).toBe("Proceed")
  })
  it("refuses an address after a hundred failures across accounts", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => now - i * 1000)
    expect(throttleSignIn({ account: [], address: hundred.slice(1) }, now)._tag).toBe("Proceed")
    expect(throttleSignIn({ account: [], address: hundred }, now)._tag).toBe("Wait")
  })
  it("never asks to wait longer than the window, and the wait ends the refusal", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.array(FastCheck.integer({ min: 0, max: 20 * minute }), { maxLength: 40 }),
        (agos) => {
          const failures = agos.map((a) => now - a)
          const d = throttleSignIn({ account: failures, address: [] }, now)
          if (d._tag === "Proceed") return true
          expect(d.retryAfterSeconds).toBeGreaterThan(0)
          expect(d.retryAfterSeconds * 1000).toBeLessThanOrEqual(signInLimits.windowMs)
          expect(
            throttleSignIn({ account: failures, address: [] }, now + d.retryAfterSeconds * 1000)._tag,
          ).toBe("Proceed")
          return true
        },
      ),
    )
  })
})

describe("bearer token throttle", () => {
  it("refuses tokens from an address with 20 wrong ones in 15 minutes, until the oldest leaves the window", () => {
    const nineteen = Array.from({ length: 19 }, (_, i) => now - (i + 1) * 1000)
    expect(throttleTokens(nineteen, now)._tag).toBe("Proceed")
    const twenty = [...nineteen, now - 10 * minute]
    expect(throttleTokens(twenty, now)).toEqual({ _tag: "Wait", retryAfterSeconds: 300 })
    expect(throttleTokens(twenty, now + tokenLimits.windowMs)._tag).toBe("Proceed")
  })
})

describe("sessions", () => {
  it("end at their expiry, after 30 idle minutes, or when revoked", () => {
    const s = { expiresAt: now + 60 * minute, lastSeenAt: now - 10 * minute, revoked: false }
    expect(sessionValid(s, now)).toBe(true)
    expect(sessionValid({ ...s, revoked: true }, now)).toBe(false)
    expect(sessionValid({ ...s, lastSeenAt: now - 30 * minute }, now)).toBe(false)
    expect(sessionValid(s, now + 60 * minute)).toBe(false)
  })
})
