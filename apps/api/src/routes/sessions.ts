/**
 * `/v1/sessions`: staff sign-in and sign-out. Sign-in answers the session in an HttpOnly,
 * SameSite=Strict cookie for the web app (and, on request, as a bearer token for scripts), with
 * the CSRF token the web app sends on every change; failures are throttled per account and per
 * address in the database, so every API instance agrees.
 * @module
 */
import { Credentials, SessionView, throttleSignIn, type User, WhoAmI } from "@coordina/domain"
import { AuditLog, LoginAttempts, SessionsRepository, UsersRepository } from "@coordina/store"
import { Effect, Option, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { transaction } from "@coordina/app"
import {
  clearSessionCookie,
  clientAddress,
  csrfTokenFor,
  getSessionToken,
  hashToken,
  newSessionToken,
  setSessionCookie,
} from "../http/Auth.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { verifyPassword } from "../http/Passwords.js"
import { selfService } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"
import { respond } from "../http/Respond.js"
import { body } from "../http/Validate.js"

const tags = ["access"]

/** The sessions sub-app, mounted at `/v1/sessions`. */
export const sessionRoutes = (options: { readonly trustProxy: boolean }) =>
  new Hono<AppEnv>()
    .post(
      "/",
      describeRoute({
        tags,
        summary: "Sign in",
        security: [],
        responses: {
          201: jsonResponse(SessionView, "Signed in; the session cookie is set"),
          ...problems(400),
          429: { description: "Too many failed sign-ins; wait Retry-After seconds" },
        },
      }),
      body(Credentials),
      async (c) => {
        const { email, password, transport } = c.req.valid("json")
        const account = email.trim().toLowerCase()
        const address = clientAddress(c, options.trustProxy)
        const run = c.var.runtime.runPromise
        const failures = await run(
          LoginAttempts.pipe(Effect.flatMap((a) => a.recentFailures(account, address))),
        )
        const decision = throttleSignIn(failures, failures.now)
        if (decision._tag === "Wait")
          return sendProblem(c, httpProblem(429, "Too many failed sign-ins. Try again later."), {
            "Retry-After": String(decision.retryAfterSeconds),
          })
        const found = await run(UsersRepository.pipe(Effect.flatMap((u) => u.credentials(account))))
        const stored = Option.getOrUndefined(found)
        const ok = await run(verifyPassword(stored?.passwordHash, password))
        if (!ok || !stored || stored.user.disabled) {
          await run(LoginAttempts.pipe(Effect.flatMap((a) => a.record(account, address, false))))
          return sendProblem(c, httpProblem(401, "The email or the password is wrong."))
        }
        const token = newSessionToken()
        const csrfToken = csrfTokenFor(token)
        const user = stored.user
        const session = await run(
          transaction(
            Effect.gen(function* () {
              yield* (yield* LoginAttempts).record(account, address, true)
              const created = yield* (yield* SessionsRepository).create({
                userId: user.id,
                tokenHash: hashToken(token),
                csrfHash: hashToken(csrfToken),
              })
              yield* (yield* AuditLog).record({
                actor: user.id,
                action: "sign_in",
                entity: `user:${user.id}`,
                after: { sessionId: created.id, address },
              })
              return created
            }),
          ),
        )
        if (transport !== "bearer") setSessionCookie(c, token, session.expiresAt, options.trustProxy)
        c.header("Cache-Control", "no-store")
        return c.json(
          Schema.encodeSync(SessionView)({
            user,
            csrfToken,
            expiresAt: session.expiresAt,
            ...(transport === "bearer" ? { token } : {}),
          }),
          201,
        )
      },
    )
    .get(
      "/current",
      describeRoute({ tags, summary: "Who am I", responses: { 200: jsonResponse(WhoAmI, "The caller") } }),
      selfService(),
      (c) => {
        const p = c.var.principal
        const token = getSessionToken(c)
        const who = (user: User | undefined): typeof WhoAmI.Type => ({
          kind: p.kind,
          id: p.id,
          roles: [...p.roles],
          ...(user ? { user } : {}),
          ...(p.kind === "api-key" ? { scopes: p.scopes } : {}),
          ...(p.viaCookie && token ? { csrfToken: csrfTokenFor(token) } : {}),
          ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
        })
        return respond(
          c,
          p.kind === "session"
            ? UsersRepository.pipe(
                Effect.flatMap((u) => u.get(p.id)),
                Effect.orDie,
                Effect.map(who),
              )
            : Effect.succeed(who(undefined)),
          WhoAmI,
        )
      },
    )
    .delete(
      "/current",
      describeRoute({
        tags,
        summary: "Sign out",
        responses: { 204: { description: "Signed out; the session no longer works" }, ...problems(400) },
      }),
      selfService(),
      async (c) => {
        const p = c.var.principal
        if (p.kind !== "session" || !p.sessionId)
          return sendProblem(
            c,
            httpProblem(400, "Only a session signs out; API keys are revoked at /v1/api-keys."),
          )
        const sessionId = p.sessionId
        await c.var.runtime.runPromise(
          transaction(
            Effect.gen(function* () {
              yield* (yield* SessionsRepository).revoke(sessionId)
              yield* (yield* AuditLog).record({ actor: p.id, action: "sign_out", entity: `user:${p.id}` })
            }),
          ),
        )
        clearSessionCookie(c, options.trustProxy)
        return c.body(null, 204)
      },
    )
