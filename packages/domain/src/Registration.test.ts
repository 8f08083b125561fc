import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import fc from "fast-check"
import {
  decideRegistration,
  NewRegistration,
  promotions,
  proofAgeProblem,
  RegistrationSettings,
  registrationOpen,
  seatsLeft,
} from "./Registration.js"

const now = new Date("2026-05-01T10:00:00Z")
const settings = (s: Partial<RegistrationSettings> = {}) =>
  new RegistrationSettings({ open: true, waitlist: false, ...s })

describe("registration decision", () => {
  it("refuses a closed form, one never opened, and one past its closing instant", () => {
    expect(decideRegistration(undefined, 0, now)._tag).toBe("RefusedClosed")
    expect(decideRegistration(settings({ open: false }), 0, now)._tag).toBe("RefusedClosed")
    expect(decideRegistration(settings({ closesAt: "2026-05-01T10:00:00Z" }), 0, now)._tag).toBe(
      "RefusedClosed",
    )
    expect(decideRegistration(settings({ closesAt: "2026-05-01T10:00:01Z" }), 0, now)._tag).toBe("Registered")
  })
  it("registers while seats are left, then waitlists or refuses", () => {
    expect(decideRegistration(settings({ capacity: 2 }), 1, now)._tag).toBe("Registered")
    expect(decideRegistration(settings({ capacity: 2 }), 2, now)._tag).toBe("RefusedFull")
    expect(decideRegistration(settings({ capacity: 2, waitlist: true }), 2, now)._tag).toBe("Waitlisted")
    expect(decideRegistration(settings({ capacity: 0, waitlist: true }), 0, now)._tag).toBe("Waitlisted")
    expect(decideRegistration(settings(), 10_000, now)._tag).toBe("Registered")
  })
  it("never registers more than the capacity, whatever the order of arrivals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.boolean(),
        fc.array(fc.constantFrom("register", "cancel"), { maxLength: 200 }),
        (capacity, waitlist, steps) => {
          const s = settings({ capacity, waitlist })
          let registered = 0
          const waiting: Array<number> = []
          steps.forEach((step, i) => {
            if (step === "register") {
              const d = decideRegistration(s, registered, now)
              if (d._tag === "Registered") registered++
              else if (d._tag === "Waitlisted") waiting.push(i)
              else expect(d._tag).toBe(waitlist ? "never" : "RefusedFull")
            } else if (registered > 0) {
              registered--
              const up = promotions(s, registered, waiting)
              waiting.splice(0, up.length)
              registered += up.length
            }
            expect(registered).toBeLessThanOrEqual(capacity)
            // Nobody waits while a seat is free.
            if (waiting.length > 0) expect(registered).toBe(capacity)
          })
        },
      ),
    )
  })
  it("promotes the first on the list, as many as seats free", () => {
    expect(promotions(settings({ capacity: 3 }), 1, ["a", "b", "c"])).toEqual(["a", "b"])
    expect(promotions(settings({ capacity: 3 }), 3, ["a"])).toEqual([])
    expect(promotions(settings(), 3, ["a", "b"])).toEqual(["a", "b"])
    expect(seatsLeft(settings({ capacity: 3 }), 5)).toBe(0)
    expect(registrationOpen(settings({ open: false }), now)).toBe(false)
  })
})

describe("registration proof and form", () => {
  it("accepts a proof between 3 s and 2 h old", () => {
    const t = now.getTime()
    expect(proofAgeProblem(t - 2_999, t)).toMatch(/too quickly/)
    expect(proofAgeProblem(t - 3_000, t)).toBeUndefined()
    expect(proofAgeProblem(t - 7_200_000, t)).toBeUndefined()
    expect(proofAgeProblem(t - 7_200_001, t)).toMatch(/too old/)
    expect(proofAgeProblem(Number.NaN, t)).toMatch(/parse/)
  })
  it("decodes the form and refuses a bad e-mail with its path", () => {
    const decode = Schema.decodeUnknownEither(NewRegistration)
    const ok = decode({ givenName: " Ana ", familyName: "Petrova", email: "ana@example.org", proof: "x" })
    expect(Either.isRight(ok) && ok.right.givenName).toBe("Ana")
    const bad = decode({ givenName: "Ana", familyName: "P", email: "ana", proof: "x" })
    expect(Either.isLeft(bad) && String(bad.left.message)).toMatch(/email/)
  })
})
