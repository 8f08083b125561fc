/**
 * Sign-in throttling and session lifetimes: how many failed sign-ins an account or an address
 * may have before it must wait, and how long a session lives.
 * @module
 */
import { Schema } from "effect"

/** The throttle's limits. */
export interface SignInLimits {
  /** Failures per account within the window before sign-in for it is refused. */
  readonly perAccount: number
  /** Failures per client address within the window before sign-in from it is refused. */
  readonly perAddress: number
  /** The sliding window, in milliseconds. */
  readonly windowMs: number
}

/** 10 failures per account, 100 per address, within 15 minutes. */
export const signInLimits: SignInLimits = { perAccount: 10, perAddress: 100, windowMs: 15 * 60 * 1000 }

/** Whether a sign-in attempt may proceed, or how many seconds the caller must wait. */
export type ThrottleDecision =
  | { readonly _tag: "Proceed" }
  | { readonly _tag: "Wait"; readonly retryAfterSeconds: number }

const waitFor = (failures: ReadonlyArray<number>, limit: number, now: number, windowMs: number) => {
  const recent = failures.filter((at) => at > now - windowMs && at <= now).sort((a, b) => a - b)
  if (recent.length < limit) return 0
  // The attempt may proceed once enough of the oldest failures have left the window that fewer
  // than `limit` remain.
  const mustExpire = recent[recent.length - limit]!
  return Math.max(1, Math.ceil((mustExpire + windowMs - now) / 1000))
}

/**
 * Decides a sign-in attempt from the instants (epoch ms) of earlier failures: for the account
 * (since its last successful sign-in) and for the address. With `limit` failures already in the
 * window, the next attempt is refused until the oldest of them leaves it, so no more than
 * `limit` failures are ever checked against the password within a window.
 */
export const throttleSignIn = (
  failures: { readonly account: ReadonlyArray<number>; readonly address: ReadonlyArray<number> },
  now: number,
  limits: SignInLimits = signInLimits,
): ThrottleDecision => {
  const wait = Math.max(
    waitFor(failures.account, limits.perAccount, now, limits.windowMs),
    waitFor(failures.address, limits.perAddress, now, limits.windowMs),
  )
  return wait > 0 ? { _tag: "Wait", retryAfterSeconds: wait } : { _tag: "Proceed" }
}

/** The limit on wrong bearer tokens from one address. */
export interface TokenLimits {
  /** Wrong tokens per client address within the window before tokens from it are refused. */
  readonly perAddress: number
  /** The sliding window, in milliseconds. */
  readonly windowMs: number
}

/** 20 wrong bearer tokens per address within 15 minutes. */
export const tokenLimits: TokenLimits = { perAddress: 20, windowMs: 15 * 60 * 1000 }

/**
 * Decides whether a bearer token from an address is checked at all, from the instants (epoch
 * ms) of its recent wrong tokens: past the limit, every token is refused until the oldest
 * failure leaves the window, so guessing tokens gets nowhere.
 */
export const throttleTokens = (
  failures: ReadonlyArray<number>,
  now: number,
  limits: TokenLimits = tokenLimits,
): ThrottleDecision => {
  const wait = waitFor(failures, limits.perAddress, now, limits.windowMs)
  return wait > 0 ? { _tag: "Wait", retryAfterSeconds: wait } : { _tag: "Proceed" }
}

/** How long sessions live. */
export interface SessionLifetime {
  /** From sign-in, whatever the activity (ASVS 3.3.2: at most 12 hours). */
  readonly absoluteMs: number
  /** Without a request (ASVS 3.3.2: at most 30 minutes). */
  readonly idleMs: number
}

/** 12 hours at most, 30 minutes idle. */
export const sessionLifetime: SessionLifetime = { absoluteMs: 12 * 60 * 60 * 1000, idleMs: 30 * 60 * 1000 }

/** Whether a session is still valid at `now` (all instants epoch ms). */
export const sessionValid = (
  session: { readonly expiresAt: number; readonly lastSeenAt: number; readonly revoked: boolean },
  now: number,
  lifetime: SessionLifetime = sessionLifetime,
): boolean => !session.revoked && now < session.expiresAt && now < session.lastSeenAt + lifetime.idleMs

/** The email or the password is wrong, or the account is disabled: one answer for all three. */
export class SignInRefused extends Schema.TaggedError<SignInRefused>()("SignInRefused", {
  message: Schema.String,
}) {}

/** Too many failed sign-ins for the account or from the address: wait `retryAfterSeconds`. */
export class SignInThrottled extends Schema.TaggedError<SignInThrottled>()("SignInThrottled", {
  retryAfterSeconds: Schema.Int,
  message: Schema.String,
}) {}

/** Only a session signs out; an API key or the admin token has nothing to end. */
export class NotASession extends Schema.TaggedError<NotASession>()("NotASession", {
  message: Schema.String,
}) {}
