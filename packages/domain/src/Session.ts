/**
 * What the API says about a signed-in caller: the answer to signing in, and who is asking
 * (`GET /v1/sessions/current`).
 * @module
 */
import { Schema } from "effect"
import { Scope } from "./ApiKey.js"
import { User } from "./User.js"

/** The answer to signing in. */
export const SessionView = Schema.Struct({
  user: User,
  csrfToken: Schema.String.annotations({
    description: "Send as X-CSRF-Token on every change made with the cookie",
  }),
  expiresAt: Schema.String,
  token: Schema.optional(
    Schema.String.annotations({
      description: "With `transport: bearer` only: the session token for Authorization",
    }),
  ),
}).annotations({ identifier: "Session" })
/** The answer to signing in. */
export type SessionView = typeof SessionView.Type

/**
 * Who is asking: a staff user (session, with the user and the session's CSRF token when it came
 * in the cookie), an API key with its scopes, or the install's admin token.
 */
export const WhoAmI = Schema.Struct({
  kind: Schema.Literal("session", "api-key", "admin-token"),
  id: Schema.String,
  roles: Schema.Array(Schema.String),
  user: Schema.optional(User),
  scopes: Schema.optional(Schema.Array(Scope)),
  csrfToken: Schema.optional(Schema.String),
  expiresAt: Schema.optional(Schema.String),
}).annotations({ identifier: "WhoAmI" })
/** Who is asking. */
export type WhoAmI = typeof WhoAmI.Type
