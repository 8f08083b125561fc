/**
 * A pause for long work (a 50,000-row sheet): the event loop serves what else is waiting (other
 * requests, their I/O) before the work goes on, so no slice of it holds them up for long.
 * @module
 */
import { Effect } from "effect"

/** Waits one turn of the event loop (`setImmediate`: after pending I/O is served). */
export const pause: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})
