/**
 * Sign-in attempts, kept in the database so every API instance throttles the same account and
 * address alike. The throttle's rule is the domain's `throttleSignIn`.
 * @module
 */
import { SqlClient } from "@effect/sql"
import { signInLimits } from "@coordina/domain"
import { Context, DateTime, Effect, Layer } from "effect"
import { newId } from "./Ids.js"
import { int } from "./Rows.js"

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
    const rows = yield* sql`SELECT COUNT(*) AS n FROM login_attempts WHERE at < ${cutoff}`.pipe(Effect.orDie)
    if (!dryRun) yield* sql`DELETE FROM login_attempts WHERE at < ${cutoff}`.pipe(Effect.orDie)
    return int(rows[0]?.n)
  })

  return { recentFailures, record, purgeBefore } as const
})

/** Stores sign-in attempts for throttling. */
export class LoginAttempts extends Context.Tag("@coordina/store/LoginAttempts")<
  LoginAttempts,
  Effect.Effect.Success<typeof make>
>() {
  /** The store over the current `SqlClient`. */
  static readonly layer = Layer.effect(LoginAttempts, make)
}
