/**
 * Pauses for long work (a 50,000-row sheet): the event loop serves what else is waiting (other
 * requests, their I/O) before the work goes on, so no slice of it holds them up for long.
 * @module
 */
import { Effect } from "effect"

/** Waits one turn of the event loop (`setImmediate`: after pending I/O is served). */
export const pause: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})

/** How long work runs between two pauses, in milliseconds of the process's (monotonic) timer. */
export const sliceMs = 10

/**
 * A pacer for one piece of long work: call it between small steps, and it pauses once
 * {@link sliceMs} have passed since the last pause. (The timer measures the work, it is no
 * business clock.)
 */
export const makePacer = (): Effect.Effect<void> => {
  let since = performance.now()
  return Effect.suspend(() => {
    if (performance.now() - since < sliceMs) return Effect.void
    return Effect.tap(pause, () => {
      since = performance.now()
    })
  })
}
