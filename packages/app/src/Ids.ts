/**
 * New record ids as a service, so that use cases never call a module-level id function and
 * tests can make ids predictable.
 * @module
 */
import { newId } from "@coordina/store"
import { Context, Effect, Layer } from "effect"

/** Makes new ids such as `prj_…`: opaque, ordered by creation. */
export class Ids extends Context.Tag("@coordina/app/Ids")<
  Ids,
  { readonly next: (prefix: string) => Effect.Effect<string> }
>() {
  /** Ids ordered by time, with randomness (the production ids). */
  static layer = Layer.succeed(Ids, { next: (prefix) => Effect.sync(() => newId(prefix)) })

  /** Ids `prefix_000001`, `prefix_000002`, … in the order asked: for tests. */
  static sequential = Layer.sync(Ids, () => {
    let n = 0
    return { next: (prefix) => Effect.sync(() => `${prefix}_${String(++n).padStart(6, "0")}`) }
  })
}

/** A new id with `prefix`. */
export const nextId = (prefix: string): Effect.Effect<string, never, Ids> =>
  Effect.flatMap(Ids, (ids) => ids.next(prefix))
