import { PasswordTooWeak } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { checkPasswordStrength, hashPassword, verifyPassword } from "./Passwords.js"

const user = { email: "maria.ivanova@example.bg", displayName: "Мария Иванова" }

describe("passwords", () => {
  it.effect("hashes with argon2id and a fresh salt, and verifies only the same password", () =>
    Effect.gen(function* () {
      const a = yield* hashPassword("a long and unusual passphrase")
      const b = yield* hashPassword("a long and unusual passphrase")
      expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      expect(a).not.toBe(b)
      expect(yield* verifyPassword(a, "a long and unusual passphrase")).toBe(true)
      expect(yield* verifyPassword(a, "a long and unusual passphrasE")).toBe(false)
      expect(yield* verifyPassword(undefined, "anything")).toBe(false)
    }),
  )

  it.effect("refuses common passwords, simple patterns and the user's own name or email", () =>
    Effect.gen(function* () {
      for (const weak of [
        "aaaaaaaaaaaa",
        "password1234",
        " ".repeat(12),
        user.email,
        "mariaivanova",
        "qwertyuiopas",
      ]) {
        const result = yield* Effect.either(checkPasswordStrength(weak, user))
        expect(Either.isLeft(result), JSON.stringify(weak)).toBe(true)
        if (Either.isLeft(result)) {
          expect(result.left).toBeInstanceOf(PasswordTooWeak)
          expect(result.left.errors.map((e) => e.path)).toEqual(["password"])
        }
      }
      for (const strong of ["correct horse battery staple", "ябълка трамвай облак 42"])
        expect(Either.isRight(yield* Effect.either(checkPasswordStrength(strong, user))), strong).toBe(true)
    }),
  )
})
