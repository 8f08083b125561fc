import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { NewUser, UserChange } from "./User.js"

describe("users", () => {
  const decode = Schema.decodeUnknownEither(NewUser)
  const valid = {
    email: "  Ana.Petrova@Sofia.bg ",
    displayName: "Ana Petrova",
    password: "correct horse battery",
    roles: [{ role: "case_worker", municipalityIds: ["ins_sofia"] }],
  }
  it("normalises the email and keeps role scopes", () => {
    const user = Either.getOrThrow(decode(valid))
    expect(user.email).toBe("ana.petrova@sofia.bg")
    expect(user.roles).toEqual([{ role: "case_worker", municipalityIds: ["ins_sofia"] }])
  })
  it("refuses short passwords, roles without their scope and repeated roles", () => {
    expect(Either.isLeft(decode({ ...valid, password: "short" }))).toBe(true)
    expect(Either.isLeft(decode({ ...valid, roles: [{ role: "coordinator" }] }))).toBe(true)
    expect(Either.isLeft(decode({ ...valid, roles: [{ role: "coordinator", projectIds: [] }] }))).toBe(true)
    expect(Either.isLeft(decode({ ...valid, roles: [{ role: "superuser" }] }))).toBe(true)
    expect(Either.isLeft(decode({ ...valid, roles: [{ role: "auditor" }, { role: "auditor" }] }))).toBe(true)
    expect(Either.isLeft(decode({ ...valid, email: "not-an-email" }))).toBe(true)
  })
  it("accepts a partial change", () => {
    expect(Either.isRight(Schema.decodeUnknownEither(UserChange)({ disabled: true }))).toBe(true)
  })
})
