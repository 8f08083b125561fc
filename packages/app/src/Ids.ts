/**
 * New record ids as a service, so that use cases never call a module-level id function and
 * tests can make ids predictable.
 * @module
 */
import { randomBytes } from "node:crypto"
import { newId } from "@coordina/store"
import { Context, Effect, Layer } from "effect"

/**
 * Makes new ids such as `prj_…` (opaque, ordered by creation) and the random bytes of other
 * identifiers (a beneficiary's pseudonym).
 */
export class Ids extends Context.Tag("@coordina/app/Ids")<
  Ids,
  {
    readonly next: (prefix: string) => Effect.Effect<string>
    /** `count` random bytes. */
    readonly random: (count: number) => Effect.Effect<Uint8Array>
  }
>() {
  /** Ids ordered by time, with randomness (the production ids). */
  static layer = Layer.succeed(Ids, {
    next: (prefix) => Effect.sync(() => newId(prefix)),
    random: (count) => Effect.sync(() => new Uint8Array(randomBytes(count))),
  })

  /**
   * Ids `prefix_000001`, `prefix_000002`, … in the order asked, and bytes counting up from 1
   * (big-endian, a different value each time): for tests.
   */
  static sequential = Layer.sync(Ids, () => {
    let n = 0
    let drawn = 0
    return {
      next: (prefix) => Effect.sync(() => `${prefix}_${String(++n).padStart(6, "0")}`),
      random: (count) =>
        Effect.sync(() => {
          let value = ++drawn
          const bytes = new Uint8Array(count)
          for (let i = count - 1; i >= 0 && value > 0; i--, value = Math.floor(value / 256))
            bytes[i] = value % 256
          return bytes
        }),
    }
  })
}

/** A new id with `prefix`. */
export const nextId = (prefix: string): Effect.Effect<string, never, Ids> =>
  Effect.flatMap(Ids, (ids) => ids.next(prefix))
