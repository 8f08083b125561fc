/**
 * Password hashing with argon2id at the parameters OWASP recommends (19 MiB, 2 passes, 1 lane).
 * Only the API hashes; the store keeps the PHC string; the domain never sees a password.
 * @module
 */
import { hash, verify } from "@node-rs/argon2"
import { Effect } from "effect"

// @node-rs/argon2 hashes with argon2id by default; its Algorithm enum is a const enum that
// isolated modules cannot import, so the default is relied on and tested.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 }

/** The argon2id PHC string of a password, with a fresh random salt. */
export const hashPassword = (password: string): Effect.Effect<string> =>
  Effect.promise(() => hash(password, options))

// A hash of a password nobody knows, verified when the account does not exist, so that a wrong
// email takes as long as a wrong password.
const decoy = hash("decoy password that is never used", options)

/** Whether a password matches a stored hash; with no hash, spends the same time and says no. */
export const verifyPassword = (stored: string | undefined, password: string): Effect.Effect<boolean> =>
  Effect.promise(async () => {
    if (stored === undefined) {
      await verify(await decoy, password).catch(() => false)
      return false
    }
    return verify(stored, password).catch(() => false)
  })
