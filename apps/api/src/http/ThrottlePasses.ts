/**
 * The addresses from which this process saw the admin token pass the wrong-token throttle a
 * moment ago, so that the admin token is not checked under the throttle's transaction on every
 * request. Only the admin token earns a pass (it is configuration, revoked only by a restart,
 * which empties this memory); sessions and API keys, which can be revoked at any moment, and
 * every wrong token are always checked in the database, so a burst of wrong tokens still gets at
 * most the limit checked. A pass lasts at most a second and a wrong token from the address
 * forgets it at once; wrong tokens sent to other API instances are therefore honoured here at
 * most a second late. Memory is bounded: past `maxAddresses` the passes are all forgotten, which
 * only costs database lookups. While the admin token's check from an address is in flight, the
 * admin token's other requests from it wait for that check rather than each taking the lock.
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
  const checking = new Map<string, Promise<unknown>>()
  return {
    /** The admin token's check of the throttle in flight from `address`, if any. */
    pending: (address: string): Promise<unknown> | undefined => checking.get(address),
    /**
     * Notes `check` as the admin token's check in flight from `address` until it settles, so a
     * burst from one address waits for one check instead of queueing for the address's lock.
     */
    track: <A>(address: string, check: Promise<A>): Promise<A> => {
      checking.set(address, check)
      const clear = () => {
        if (checking.get(address) === check) checking.delete(address)
      }
      check.then(clear, clear)
      return check
    },
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
