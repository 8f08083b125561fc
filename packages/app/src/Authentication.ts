/**
 * Who a bearer token or session cookie belongs to, and the throttle on wrong bearer tokens: an
 * address that sent too many is refused for a while before its tokens are even looked at. The
 * count is in the database and taken under a lock, so every API instance agrees and no parallel
 * burst gets more than the limit checked.
 * @module
 */
import type { Principal, RoleGrant, Scope } from "@coordina/domain"
import { ApiKeysRepository, LoginAttempts, SessionsRepository } from "@coordina/store"
import { Context, Effect, Layer, Option } from "effect"
import { apiKeyPrefix, hashToken, sessionPrefix } from "./Tokens.js"

/** Who a token belongs to: a signed-in user or an integrator's key. */
export interface Identity extends Principal {
  readonly kind: "session" | "api-key"
  readonly roles: ReadonlyArray<RoleGrant["role"] | "integrator">
  readonly sessionId?: string
  readonly expiresAt?: string
}

/** What a bearer token proves: the admin token, or a session's or an API key's identity. */
export type BearerIdentity = Identity | "admin-token"

const make = Effect.gen(function* () {
  const sessions = yield* SessionsRepository
  const keys = yield* ApiKeysRepository
  const attempts = yield* LoginAttempts

  /** The identity of a session token, or (when not from a cookie) of an API key. */
  const identify = Effect.fn("Authentication.identify")(function* (token: string, viaCookie: boolean) {
    const hash = hashToken(token)
    if (token.startsWith(sessionPrefix)) {
      const found = yield* sessions.resolve(hash)
      return Option.map(
        found,
        (s): Identity => ({
          kind: "session",
          id: s.user.id,
          grants: s.user.roles,
          scopes: [],
          roles: s.user.roles.map((g) => g.role),
          sessionId: s.sessionId,
          expiresAt: s.expiresAt,
        }),
      )
    }
    if (token.startsWith(apiKeyPrefix) && !viaCookie) {
      const found = yield* keys.resolve(hash)
      return Option.map(
        found,
        (k): Identity => ({
          kind: "api-key",
          id: k.id,
          grants: [],
          scopes: k.scopes as ReadonlyArray<Scope>,
          roles: ["integrator"],
        }),
      )
    }
    return Option.none<Identity>()
  })

  /**
   * What a bearer token from `address` proves, checked under the address's throttle (see the
   * store's `checkToken`): the admin token when `isAdminToken` says so, else a session or an
   * API key; a token that proves nothing counts against the address, and past the limit no
   * token is checked, not even the admin token.
   */
  const identifyBearer = Effect.fn("Authentication.identifyBearer")(function* (
    token: string,
    address: string,
    isAdminToken: (token: string) => boolean,
  ) {
    return yield* attempts.checkToken(
      address,
      isAdminToken(token)
        ? Effect.succeed(Option.some<BearerIdentity>("admin-token"))
        : identify(token, false),
    )
  })

  return { identify, identifyBearer } as const
})

/** Identifying callers. */
export class Authentication extends Context.Tag("@coordina/app/Authentication")<
  Authentication,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store. */
  static readonly layer = Layer.effect(Authentication, make)
}
