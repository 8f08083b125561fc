/**
 * The addresses this process saw pass the wrong-token throttle a moment ago, so that a caller
 * whose tokens are right is not checked against the database on every request. A pass is kept
 * for at most a second, only a pass is kept (never a refusal), and a wrong token from the
 * address forgets it at once: the next request asks the database again. Wrong tokens sent to
 * other API instances are therefore seen here at most one request late, and on one instance
 * the throttle is exactly the database's. Memory is bounded: past `maxAddresses` the passes are
 * all forgotten, which only costs database lookups.
 * @module
 */

/** How long a pass lasts and how many addresses are remembered. */
export interface ThrottlePassLimits {
  readonly ttlMs: number
  readonly maxAddresses: number
}

/** The limits the API uses. */
export const throttlePassLimits: ThrottlePassLimits = { ttlMs: 1_000, maxAddresses: 10_000 }

/** Passes by address, on a monotonic clock in milliseconds (`performance.now()`). */
export const makeThrottlePasses = (limits: ThrottlePassLimits = throttlePassLimits) => {
  const until = new Map<string, number>()
  return {
    /** Whether `address` passed the throttle less than `ttlMs` before `now`. */
    passed: (address: string, now: number): boolean => {
      const end = until.get(address)
      if (end === undefined) return false
      if (end > now) return true
      until.delete(address)
      return false
    },
    /** Notes that `address` passed the database's throttle at `now`. */
    remember: (address: string, now: number): void => {
      if (until.size >= limits.maxAddresses && !until.has(address)) until.clear()
      until.set(address, now + limits.ttlMs)
    },
    /** Forgets the pass of an address that has just sent a wrong token. */
    forget: (address: string): void => {
      until.delete(address)
    },
    /** How many addresses are remembered. */
    size: (): number => until.size,
  }
}

/** Passes by address. */
export type ThrottlePasses = ReturnType<typeof makeThrottlePasses>
