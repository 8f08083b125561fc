/**
 * Signing in and out. Sign-in is throttled in the database per account and per address: each
 * attempt is counted under a lock before its password is checked, so no burst of parallel
 * attempts gets more than the limit checked. A right password opens a session with its CSRF
 * token, in the same transaction as its audit entry.
 * @module
 */
import { NotASession, SignInRefused, SignInThrottled, type User } from "@coordina/domain"
import { AuditLog, LoginAttempts, SessionsRepository, UsersRepository } from "@coordina/store"
import { Context, Effect, Layer, Option } from "effect"
import { verifyPassword } from "./Passwords.js"
import { csrfTokenFor, hashToken, newSessionToken } from "./Tokens.js"
import { transaction } from "./Transaction.js"

/** A session just opened: the secrets are shown this once. */
export interface SignedIn {
  readonly user: User
  readonly token: string
  readonly csrfToken: string
  readonly expiresAt: string
}

const wrong = () => new SignInRefused({ message: "The email or the password is wrong." })

const make = Effect.gen(function* () {
  const attempts = yield* LoginAttempts
  const users = yield* UsersRepository
  const sessions = yield* SessionsRepository
  const audit = yield* AuditLog

  /** Signs `email` in from `address` with `password`. */
  const signIn = Effect.fn("Sessions.signIn")(function* (input: {
    readonly email: string
    readonly password: string
    readonly address: string
  }) {
    const account = input.email.trim().toLowerCase()
    const { decision, attemptId } = yield* attempts.reserve(account, input.address)
    if (decision._tag === "Wait" || attemptId === undefined)
      return yield* new SignInThrottled({
        retryAfterSeconds: decision._tag === "Wait" ? decision.retryAfterSeconds : 1,
        message: "Too many failed sign-ins. Try again later.",
      })
    const stored = Option.getOrUndefined(yield* users.credentials(account))
    const ok = yield* verifyPassword(stored?.passwordHash, input.password)
    if (!ok || !stored || stored.user.disabled) return yield* wrong()
    const token = newSessionToken()
    const csrfToken = csrfTokenFor(token)
    const user = stored.user
    const session = yield* transaction(
      Effect.gen(function* () {
        yield* attempts.succeeded(attemptId)
        const created = yield* sessions.create({
          userId: user.id,
          tokenHash: hashToken(token),
          csrfHash: hashToken(csrfToken),
        })
        yield* audit.record({
          actor: user.id,
          action: "sign_in",
          entity: `user:${user.id}`,
          after: { sessionId: created.id, address: input.address },
        })
        return created
      }),
    )
    return { user, token, csrfToken, expiresAt: session.expiresAt } satisfies SignedIn
  })

  /** Ends the session `sessionId` of `userId` (undefined for callers that are not sessions). */
  const signOut = Effect.fn("Sessions.signOut")(function* (userId: string, sessionId: string | undefined) {
    if (sessionId === undefined)
      return yield* new NotASession({
        message: "Only a session signs out; API keys are revoked at /v1/api-keys.",
      })
    yield* transaction(
      Effect.gen(function* () {
        yield* sessions.revoke(sessionId)
        yield* audit.record({ actor: userId, action: "sign_out", entity: `user:${userId}` })
      }),
    )
  })

  /** The account of a signed-in user. */
  const userOf = (userId: string) => users.get(userId).pipe(Effect.orDie)

  return { signIn, signOut, userOf } as const
})

/** Signing in and out. */
export class Sessions extends Context.Tag("@coordina/app/Sessions")<
  Sessions,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store. */
  static readonly layer = Layer.effect(Sessions, make)
}
