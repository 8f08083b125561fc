/**
 * Sign-in sessions. Only hashes of the session token and of its CSRF token are kept; a session
 * resolves to its user only while it is unexpired, not idle too long, not revoked, and the user
 * is not disabled, so revoking or disabling takes effect on the next request on every instance.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { sessionLifetime, sessionValid, User } from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { int, json } from "./Rows.js"

const decodeUser = Schema.decodeUnknownSync(User)

/** A live session and its user. */
export interface ResolvedSession {
  readonly sessionId: string
  readonly csrfHash: string
  readonly expiresAt: string
  readonly user: User
}

// A session's last activity is written at most this often, so reads stay reads.
const touchEveryMs = 60_000

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const nowMs = DateTime.now.pipe(Effect.map(DateTime.toEpochMillis))
  const iso = (ms: number) => new Date(ms).toISOString()

  /** Opens a session for a user; answers its id and expiry. */
  const create = Effect.fn("SessionsRepository.create")(function* (input: {
    readonly userId: string
    readonly tokenHash: string
    readonly csrfHash: string
  }) {
    const now = yield* nowMs
    const id = newId("ses")
    const expiresAt = iso(now + sessionLifetime.absoluteMs)
    yield* sql`INSERT INTO sessions ${sql.insert({
      id,
      tokenHash: input.tokenHash,
      csrfHash: input.csrfHash,
      userId: input.userId,
      createdAt: iso(now),
      expiresAt,
      lastSeenAt: iso(now),
      revokedAt: null,
    })}`.pipe(Effect.orDie)
    return { id, expiresAt }
  })

  /** The live session a token hash names, with its user; notes the activity. */
  const resolve = Effect.fn("SessionsRepository.resolve")(function* (tokenHash: string) {
    const now = yield* nowMs
    const rows = yield* sql`
      SELECT s.id AS session_id, s.csrf_hash, s.expires_at, s.last_seen_at, s.revoked_at,
             u.id, u.email, u.display_name, u.roles, u.disabled, u.version
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash}`.pipe(Effect.orDie)
    const r = rows[0]
    if (!r) return Option.none<ResolvedSession>()
    const lastSeen = Date.parse(String(r.lastSeenAt))
    const live = sessionValid(
      { expiresAt: Date.parse(String(r.expiresAt)), lastSeenAt: lastSeen, revoked: r.revokedAt != null },
      now,
    )
    if (!live || int(r.disabled) === 1) return Option.none<ResolvedSession>()
    if (now - lastSeen > touchEveryMs)
      yield* sql`UPDATE sessions SET last_seen_at = ${iso(now)} WHERE id = ${String(r.sessionId)}`.pipe(
        Effect.orDie,
      )
    const user = decodeUser({
      id: r.id,
      email: r.email,
      displayName: r.displayName,
      roles: json(r.roles),
      disabled: false,
      version: int(r.version),
    })
    return Option.some<ResolvedSession>({
      sessionId: String(r.sessionId),
      csrfHash: String(r.csrfHash),
      expiresAt: String(r.expiresAt),
      user,
    })
  })

  /** Ends one session at once. */
  const revoke = Effect.fn("SessionsRepository.revoke")(function* (sessionId: string) {
    const now = yield* nowMs
    yield* sql`UPDATE sessions SET revoked_at = ${iso(now)} WHERE id = ${sessionId} AND revoked_at IS NULL`.pipe(
      Effect.orDie,
    )
  })

  /** Ends every session of a user (after a password reset or disabling). */
  const revokeAllOf = Effect.fn("SessionsRepository.revokeAllOf")(function* (userId: string) {
    const now = yield* nowMs
    yield* sql`UPDATE sessions SET revoked_at = ${iso(now)} WHERE user_id = ${userId} AND revoked_at IS NULL`.pipe(
      Effect.orDie,
    )
  })

  /** Deletes sessions that ended (expired or revoked) before `cutoff`; `dryRun` only counts them. */
  const purgeEndedBefore = Effect.fn("SessionsRepository.purgeEndedBefore")(function* (
    cutoff: string,
    dryRun: boolean,
  ) {
    const ended = sql`(expires_at < ${cutoff} OR revoked_at < ${cutoff})`
    const rows = yield* sql`SELECT COUNT(*) AS n FROM sessions WHERE ${ended}`.pipe(Effect.orDie)
    if (!dryRun) yield* sql`DELETE FROM sessions WHERE ${ended}`.pipe(Effect.orDie)
    return int(rows[0]?.n)
  })

  return { create, resolve, revoke, revokeAllOf, purgeEndedBefore } as const
})

/** Stores sign-in sessions. */
export class SessionsRepository extends Context.Tag("@coordina/store/SessionsRepository")<
  SessionsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(SessionsRepository, make)
}
