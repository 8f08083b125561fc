/**
 * Passwords: hashed with argon2id at the parameters OWASP recommends (19 MiB, 2 passes, 1 lane),
 * and judged by zxcvbn-ts against its common-password dictionary and the user's own name and
 * email before they are accepted. The store keeps the PHC string; the domain never sees a
 * password.
 * @module
 */
import { PasswordTooWeak } from "@coordina/domain"
import type { ZxcvbnFactory } from "@zxcvbn-ts/core"
import { Effect } from "effect"

// argon2 and zxcvbn (its dictionaries above all) load on the first password, not with the
// package: a worker never sees a password, and they cost it resident memory it needs for reports
// (issue 9). Each is imported once and kept.
let argon2: Promise<typeof import("@node-rs/argon2")> | undefined
const loadArgon2 = () => {
  argon2 ??= import("@node-rs/argon2")
  return argon2
}

// @node-rs/argon2 hashes with argon2id by default; its Algorithm enum is a const enum that
// isolated modules cannot import, so the default is relied on and tested.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 }

/** The argon2id PHC string of a password, with a fresh random salt. */
export const hashPassword = (password: string): Effect.Effect<string> =>
  Effect.promise(async () => (await loadArgon2()).hash(password, options))

// A hash of a password nobody knows, verified when the account does not exist, so that a wrong
// email takes as long as a wrong password.
let decoy: Promise<string> | undefined

/** Whether a password matches a stored hash; with no hash, spends the same time and says no. */
export const verifyPassword = (stored: string | undefined, password: string): Effect.Effect<boolean> =>
  Effect.promise(async () => {
    const { hash, verify } = await loadArgon2()
    if (stored === undefined) {
      decoy ??= hash("decoy password that is never used", options)
      await verify(await decoy, password).catch(() => false)
      return false
    }
    return verify(stored, password).catch(() => false)
  })

/** zxcvbn's score a password must reach: 3 of 4, "safely unguessable" for an online attack. */
export const minimumScore = 3

let strength: Promise<ZxcvbnFactory> | undefined
const checker = () => {
  strength ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([{ ZxcvbnFactory }, { adjacencyGraphs, dictionary }]) =>
      new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }),
  )
  return strength
}

/** The words of a user's name and email that a password must not be built from. */
const userWords = (user: { readonly email: string; readonly displayName: string }) => {
  const local = user.email.split("@")[0] ?? ""
  return [user.email, local, ...local.split(/[._+-]+/), user.displayName, ...user.displayName.split(/\s+/)]
    .map((w) => w.trim())
    .filter((w) => w.length >= 3)
}

/**
 * Refuses a password that is easy to guess: common or breached, a simple pattern (repeats,
 * sequences, keyboard walks), or built from the user's own name or email.
 */
export const checkPasswordStrength = (
  password: string,
  user: { readonly email: string; readonly displayName: string },
): Effect.Effect<void, PasswordTooWeak> =>
  Effect.flatMap(
    Effect.promise(() => checker()),
    (zxcvbn) => {
      const result = zxcvbn.check(password, userWords(user))
      if (result.score >= minimumScore) return Effect.void
      const why =
        result.feedback.warning === "userInputs"
          ? "it is built from the user's own name or email"
          : "it is a common password or a simple pattern"
      const message = `The password is too easy to guess: ${why}. Choose a longer passphrase of unrelated words.`
      return Effect.fail(new PasswordTooWeak({ errors: [{ path: "password", message }], message }))
    },
  )
