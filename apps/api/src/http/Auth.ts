/**
 * Who is asking. A request proves it with `Authorization: Bearer <token>` (the admin token, a
 * session token or an API key) or, from the web app, with the session cookie; a cookie-borne
 * request that changes anything must also send the session's `X-CSRF-Token`. Only hashes of
 * tokens are kept, and they are compared in constant time.
 * @module
 */
import { timingSafeEqual } from "node:crypto"
import { Authentication, csrfTokenFor, hashToken } from "@coordina/app"
import type { Principal as AccessPrincipal, StaffRole } from "@coordina/domain"
import { getConnInfo } from "@hono/node-server/conninfo"
import { Effect, Option } from "effect"
import type { Context, MiddlewareHandler } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import type { AppEnv } from "./AppEnv.js"
import { httpProblem, sendProblem } from "./Problem.js"
import { makeThrottlePasses, type ThrottlePasses } from "./ThrottlePasses.js"

/** The roles a principal may hold: staff roles, or `integrator` for an API key. */
export type Role = StaffRole | "integrator"

/** An authenticated caller. */
export interface Principal extends AccessPrincipal {
  /** The names of its roles, for display and logs; decisions use `grants` and `scopes`. */
  readonly roles: ReadonlyArray<Role>
  /** The session, when the caller signed in. */
  readonly sessionId?: string
  /** When the session ends, for a session. */
  readonly expiresAt?: string
  /** Whether the session came in the cookie (then changes need the CSRF token). */
  readonly viaCookie: boolean
}

export { csrfTokenFor, hashToken, newApiKey, newSessionToken } from "@coordina/app"

const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"))

/** The bearer token of a request, if it sent one. */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")
  return match?.[1]
}

/** The session cookie's name: `__Host-` bound to the origin whenever the cookie is Secure. */
export const sessionCookieName = (secure: boolean): string =>
  secure ? "__Host-coordina_session" : "coordina_session"

/** What decides how the request is seen: behind a trusted proxy, its forwarding headers count. */
export interface AuthConfig {
  readonly adminTokenHash: string | undefined
  readonly trustProxy: boolean
}

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"])

/** Whether the session cookie must be `Secure`: always, except over plain HTTP to localhost. */
export const secureCookies = (c: Context, trustProxy: boolean): boolean => {
  const url = new URL(c.req.url)
  const forwarded = trustProxy ? c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim() : undefined
  const scheme = forwarded ?? url.protocol.replace(":", "")
  return !(scheme === "http" && localHosts.has(url.hostname))
}

/** The client's address: the socket's, or the last hop a trusted proxy names. */
export const clientAddress = (c: Context, trustProxy: boolean): string => {
  if (trustProxy) {
    const hops = c.req
      .header("X-Forwarded-For")
      ?.split(",")
      .map((h) => h.trim())
      .filter(Boolean)
    const last = hops?.at(-1)
    if (last) return last
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown"
  } catch {
    return "unknown"
  }
}

/** The session token of the request's cookie, if it sent one. */
export const getSessionToken = (c: Context): string | undefined =>
  getCookie(c, sessionCookieName(true)) ?? getCookie(c, sessionCookieName(false))

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure except on plain-HTTP localhost. */
export const setSessionCookie = (c: Context, token: string, expiresAt: string, trustProxy: boolean) => {
  const secure = secureCookies(c, trustProxy)
  setCookie(c, sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: "Strict",
    secure,
    path: "/",
    expires: new Date(expiresAt),
  })
}

/** Clears the session cookie. */
export const clearSessionCookie = (c: Context, trustProxy: boolean) => {
  const secure = secureCookies(c, trustProxy)
  deleteCookie(c, sessionCookieName(secure), {
    path: "/",
    secure,
    ...(secure ? { prefix: "host" as const } : {}),
  })
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

/**
 * Requests that need no principal: signing in, the public pages (event registration, a
 * participant's evaluation link), whose use cases check their own proof or token, and checking a
 * certificate's code (its PDF, which names the holder, is not public).
 */
const isPublic = (method: string, path: string) =>
  (method === "POST" && /^\/v1\/sessions\/?$/.test(path)) ||
  /^\/v1\/public\//.test(path) ||
  (method === "GET" && /^\/v1\/certificates\/[^/]+$/.test(path) && !path.endsWith(".pdf"))

const adminPrincipal: Principal = {
  kind: "admin-token",
  id: "admin-token",
  grants: [{ role: "admin" }],
  scopes: [],
  roles: ["admin"],
  viaCookie: false,
}

/** The principal a token proves, if any. */
const resolveToken = (token: string, viaCookie: boolean) =>
  Effect.flatMap(Authentication, (auth) => auth.identify(token, viaCookie)).pipe(
    Effect.map(Option.map((identity): Principal => ({ ...identity, viaCookie }))),
  )

const unauthorized = (c: Context, detail: string) =>
  sendProblem(c, httpProblem(401, detail), { "WWW-Authenticate": 'Bearer realm="coordina"' })

/**
 * The principal of a bearer token, checked under its address's throttle (the admin token too),
 * or the 429 or 401 answer. Every wrong token gets the same 401.
 */
const identifyBearer = async (
  c: Context<AppEnv>,
  config: AuthConfig,
  bearer: string,
  passes: ThrottlePasses,
): Promise<Principal | Response> => {
  const isAdminToken = (token: string) =>
    config.adminTokenHash !== undefined && sameHash(hashToken(token), config.adminTokenHash)
  const address = clientAddress(c, config.trustProxy)
  // The admin token that passed the throttle from this address a moment ago passes again
  // without the throttle's transaction; any other token, right or wrong, is always checked.
  const admin = isAdminToken(bearer)
  if (admin && passes.passed(address, performance.now())) return adminPrincipal
  const inFlight = admin ? passes.pending(address) : undefined
  if (inFlight) {
    await inFlight.catch(() => undefined)
    if (passes.passed(address, performance.now())) return adminPrincipal
  }
  const check = c.var.runtime.runPromise(
    Effect.flatMap(Authentication, (auth) => auth.identifyBearer(bearer, address, () => admin)),
  )
  const checked = await (admin ? passes.track(address, check) : check)
  if (checked._tag === "Wait")
    return sendProblem(c, httpProblem(429, "Too many wrong tokens from this address. Try again later."), {
      "Retry-After": String(checked.retryAfterSeconds),
    })
  if (Option.isNone(checked.found)) {
    passes.forget(address)
    return unauthorized(c, "The token is not valid.")
  }
  const identity = checked.found.value
  if (identity !== "admin-token") return { ...identity, viaCookie: false }
  passes.remember(address, performance.now())
  return adminPrincipal
}

/** The principal of a session cookie, or the 401 answer. */
const identifyCookie = async (
  c: Context<AppEnv>,
  cookie: string | undefined,
): Promise<Principal | Response> => {
  if (!cookie) return unauthorized(c, "Send an Authorization: Bearer <token> header, or sign in.")
  const principal = await c.var.runtime.runPromise(resolveToken(cookie, true))
  return Option.isNone(principal) ? unauthorized(c, "The session has ended; sign in again.") : principal.value
}

/**
 * Rejects requests without valid credentials (401 problem), and cookie-borne changes without the
 * session's CSRF token (403); sets `principal` for the rest.
 */
export const authenticate = (config: AuthConfig): MiddlewareHandler<AppEnv> => {
  const passes = makeThrottlePasses()
  return async (c, next) => {
    if (isPublic(c.req.method, c.req.path)) return next()
    const bearer = bearerToken(c.req.header("Authorization"))
    const cookie = bearer ? undefined : getSessionToken(c)
    const principal = bearer
      ? await identifyBearer(c, config, bearer, passes)
      : await identifyCookie(c, cookie)
    if (principal instanceof Response) return principal
    if (cookie !== undefined && unsafeMethods.has(c.req.method)) {
      const sent = c.req.header("X-CSRF-Token") ?? ""
      if (!sameHash(hashToken(sent), hashToken(csrfTokenFor(cookie))))
        return sendProblem(
          c,
          httpProblem(403, "A change made with the session cookie must send its X-CSRF-Token."),
        )
    }
    c.set("principal", principal)
    return next()
  }
}
