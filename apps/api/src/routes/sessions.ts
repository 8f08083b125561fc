/**
 * `/v1/sessions`: staff sign-in and sign-out. Sign-in answers the session in an HttpOnly,
 * SameSite=Strict cookie for the web app (and, on request, as a bearer token for scripts), with
 * the CSRF token the web app sends on every change; failures are throttled per account and per
 * address in the database, so every API instance agrees.
 * @module
 */
import { csrfTokenFor, Sessions } from "@coordina/app"
import { Credentials, SessionView, type User, WhoAmI } from "@coordina/domain"
import { Effect } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { clearSessionCookie, clientAddress, getSessionToken, setSessionCookie } from "../http/Auth.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { selfService } from "../http/Policy.js"
import { respond, respondEmpty } from "../http/Respond.js"
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
          401: { description: "The email or the password is wrong, or the account is disabled" },
          429: { description: "Too many failed sign-ins; wait Retry-After seconds" },
        },
      }),
      body(Credentials),
      (c) => {
        const { email, password, transport } = c.req.valid("json")
        const address = clientAddress(c, options.trustProxy)
        c.header("Cache-Control", "no-store")
        return respond(
          c,
          Effect.flatMap(Sessions, (s) => s.signIn({ email, password, address })).pipe(
            Effect.tap((signedIn) => {
              if (transport !== "bearer")
                setSessionCookie(c, signedIn.token, signedIn.expiresAt, options.trustProxy)
            }),
            Effect.map(({ token, ...session }) => ({
              ...session,
              ...(transport === "bearer" ? { token } : {}),
            })),
          ),
          SessionView,
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
            ? Effect.flatMap(Sessions, (s) => s.userOf(p.id)).pipe(Effect.map(who))
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
      (c) => {
        const p = c.var.principal
        return respondEmpty(
          c,
          Effect.flatMap(Sessions, (s) =>
            s.signOut(p.id, p.kind === "session" ? p.sessionId : undefined),
          ).pipe(Effect.tap(() => clearSessionCookie(c, options.trustProxy))),
        )
      },
    )
