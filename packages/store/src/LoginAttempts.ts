/**
 * Sign-in attempts and wrong bearer tokens, kept in the database so every API instance
 * throttles the same account and address alike. The rules are the domain's `throttleSignIn`
 * and `throttleTokens`.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  signInLimits,
  type ThrottleDecision,
  throttleSignIn,
  throttleTokens,
  tokenLimits,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option } from "effect"
import { newId } from "./Ids.js"
import { int } from "./Rows.js"

/** A bearer token's check: refused unchecked past the limit, or what it proved (none when wrong). */
export type TokenCheck<A> =
  | { readonly _tag: "Wait"; readonly retryAfterSeconds: number }
  | { readonly _tag: "Checked"; readonly found: Option.Option<A> }

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const nowMs = DateTime.now.pipe(Effect.map(DateTime.toEpochMillis))
  const iso = (ms: number) => new Date(ms).toISOString()

  /**
   * The instants (epoch ms) of recent failures: for the account since its last successful
   * sign-in, and for the address; both within the throttle's window.
   */
  const recentFailures = Effect.fn("LoginAttempts.recentFailures")(function* (
    account: string,
    address: string,
  ) {
    const now = yield* nowMs
    const since = iso(now - signInLimits.windowMs)
    const lastSuccess = yield* sql`
      SELECT MAX(at) AS at FROM login_attempts WHERE account = ${account} AND success = 1 AND at > ${since}`.pipe(
      Effect.orDie,
    )
    const accountSince = lastSuccess[0]?.at ? String(lastSuccess[0].at) : since
    const [forAccount, forAddress] = yield* Effect.all([
      sql`SELECT at FROM login_attempts WHERE account = ${account} AND success = 0 AND at > ${accountSince}`,
      sql`SELECT at FROM login_attempts WHERE address = ${address} AND success = 0 AND at > ${since}`,
    ]).pipe(Effect.orDie)
    return {
      now,
      account: forAccount.map((r) => Date.parse(String(r.at))),
      address: forAddress.map((r) => Date.parse(String(r.at))),
    }
  })

  /**
   * Takes the locks of an account and an address for the rest of the transaction: an upsert
   * on their rows, which PostgreSQL holds until commit and SQLite takes as its write lock.
   */
  const lock = (key: string, at: string) =>
    sql`INSERT INTO throttle_locks (lock_key, at) VALUES (${key}, ${at})
        ON CONFLICT (lock_key) DO UPDATE SET at = excluded.at`.pipe(Effect.orDie)

  /**
   * Decides an attempt and, when it may proceed, counts it at once as a failure, all under the
   * account's and the address's locks: parallel attempts are decided one after the other, so
   * no burst gets more than the limit checked. The caller turns the attempt into a success
   * ({@link succeeded}) when the password was right.
   */
  const reserve = Effect.fn("LoginAttempts.reserve")(function* (account: string, address: string) {
    return yield* sql
      .withTransaction(
        Effect.gen(function* () {
          const at = iso(yield* nowMs)
          yield* lock(`account:${account}`, at)
          yield* lock(`address:${address}`, at)
          const failures = yield* recentFailures(account, address)
          const decision: ThrottleDecision = throttleSignIn(failures, failures.now)
          if (decision._tag === "Wait") return { decision, attemptId: undefined }
          const attemptId = newId("att")
          yield* sql`INSERT INTO login_attempts ${sql.insert({ id: attemptId, at, account, address, success: 0 })}`
          return { decision, attemptId }
        }),
      )
      .pipe(Effect.orDie)
  })

  /** Turns a reserved attempt into a successful sign-in. */
  const succeeded = Effect.fn("LoginAttempts.succeeded")(function* (attemptId: string) {
    yield* sql`UPDATE login_attempts SET success = 1 WHERE id = ${attemptId}`.pipe(Effect.orDie)
  })

  /** The instants (epoch ms) of the wrong bearer tokens from `address` within the window. */
  const tokenFailures = (address: string, now: number) =>
    sql`
      SELECT at FROM token_failures WHERE address = ${address} AND at > ${iso(now - tokenLimits.windowMs)}
      ORDER BY at DESC LIMIT ${tokenLimits.perAddress}`.pipe(
      Effect.map((rows) => rows.map((r) => Date.parse(String(r.at)))),
    )

  /**
   * Checks a bearer token from `address` with `check` (which finds what the token proves, if
   * anything), all under the address's lock, and counts a token that proves nothing before the
   * lock is let go: parallel tokens from one address are decided one after the other, so no
   * burst gets more than the limit checked. Past the limit `check` is not run at all. The lock
   * is held while checking (not a failure reserved in advance) so that a burst of valid tokens
   * never counts against the address.
   */
  const checkToken = <A, E, R>(
    address: string,
    check: Effect.Effect<Option.Option<A>, E, R>,
  ): Effect.Effect<TokenCheck<A>, E, R> =>
    sql
      .withTransaction(
        Effect.gen(function* () {
          yield* sql`INSERT INTO throttle_locks (lock_key, at) VALUES (${`token:${address}`}, ${iso(yield* nowMs)})
            ON CONFLICT (lock_key) DO UPDATE SET at = excluded.at`
          // The clock is read once the lock is held: a failure counted by whoever held it before
          // must not lie in this check's future, where the window would not see it.
          const now = yield* nowMs
          const decision = throttleTokens(yield* tokenFailures(address, now), now)
          if (decision._tag === "Wait") return decision
          const found = yield* check
          if (Option.isNone(found))
            yield* sql`INSERT INTO token_failures ${sql.insert({ id: newId("tkf"), at: iso(now), address })}`
          return { _tag: "Checked", found } as const
        }),
      )
      .pipe(Effect.catchTag("SqlError", Effect.die))

  /** Notes an attempt and whether it succeeded. */
  const record = Effect.fn("LoginAttempts.record")(function* (
    account: string,
    address: string,
    success: boolean,
  ) {
    yield* sql`INSERT INTO login_attempts ${sql.insert({
      id: newId("att"),
      at: iso(yield* nowMs),
      account,
      address,
      success: success ? 1 : 0,
    })}`.pipe(Effect.orDie)
  })

  /** Deletes attempts before `cutoff`; `dryRun` only counts them. */
  const purgeBefore = Effect.fn("LoginAttempts.purgeBefore")(function* (cutoff: string, dryRun: boolean) {
    const rows = yield* sql`
      SELECT (SELECT COUNT(*) FROM login_attempts WHERE at < ${cutoff})
        + (SELECT COUNT(*) FROM token_failures WHERE at < ${cutoff}) AS n`.pipe(Effect.orDie)
    if (!dryRun)
      yield* Effect.all([
        sql`DELETE FROM login_attempts WHERE at < ${cutoff}`,
        sql`DELETE FROM token_failures WHERE at < ${cutoff}`,
        sql`DELETE FROM throttle_locks WHERE at < ${cutoff}`,
      ]).pipe(Effect.orDie)
    return int(rows[0]?.n)
  })

  return { recentFailures, reserve, succeeded, checkToken, record, purgeBefore } as const
})

/** Stores sign-in attempts for throttling. */
export class LoginAttempts extends Context.Tag("@coordina/store/LoginAttempts")<
  LoginAttempts,
  Effect.Effect.Success<typeof make>
>() {
  /** The store over the current `SqlClient`. */
  static readonly layer = Layer.effect(LoginAttempts, make)
}
