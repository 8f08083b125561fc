import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { keyUsable, NewApiKey, scopesAllow } from "./ApiKey.js"

describe("API keys", () => {
  const decode = Schema.decodeUnknownEither(NewApiKey)
  it("accepts `<family>:read|write` scopes and refuses others", () => {
    expect(
      Either.isRight(decode({ name: "Sofia case system", scopes: ["agreements:write", "tasks:read"] })),
    ).toBe(true)
    expect(Either.isLeft(decode({ name: "x", scopes: ["users:read"] }))).toBe(true)
    expect(Either.isLeft(decode({ name: "x", scopes: ["agreements:delete"] }))).toBe(true)
    expect(Either.isLeft(decode({ name: "x", scopes: [], expiresAt: "tomorrow" }))).toBe(true)
    expect(Either.isRight(decode({ name: "x", scopes: [], expiresAt: "2030-01-01T00:00:00Z" }))).toBe(true)
  })
  it("lets write imply read", () => {
    expect(scopesAllow(["reach:write"], "reach", "read")).toBe(true)
    expect(scopesAllow(["reach:read"], "reach", "write")).toBe(false)
    expect(scopesAllow([], "reach", "read")).toBe(false)
  })
  it("stops a key at its expiry and when revoked", () => {
    const now = new Date("2026-01-01T12:00:00Z")
    expect(keyUsable({}, now)).toBe(true)
    expect(keyUsable({ expiresAt: "2026-01-01T12:00:01Z" }, now)).toBe(true)
    expect(keyUsable({ expiresAt: "2026-01-01T12:00:00Z" }, now)).toBe(false)
    expect(keyUsable({ revokedAt: "2025-12-31T00:00:00Z" }, now)).toBe(false)
  })
})
