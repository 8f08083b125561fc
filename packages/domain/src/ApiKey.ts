/**
 * API keys for integrators: a name, scopes (`<family>:read` or `<family>:write` per resource
 * family, write implying read) and an optional expiry. The key itself is shown once and only a
 * hash of it is kept.
 * @module
 */
import { idMaxLength } from "./Text.js"
import { Schema } from "effect"

/** Opaque identifier of an API key (not the key). */
export const ApiKeyId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("ApiKeyId"),
  Schema.annotations({ identifier: "ApiKeyId" }),
)
/** Opaque identifier of an API key (not the key). */
export type ApiKeyId = typeof ApiKeyId.Type

/** An instant, ISO 8601 in UTC with a time, such as `2026-01-31T12:00:00Z`. */
export const Instant = Schema.String.pipe(
  Schema.filter(
    (s) =>
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
        !Number.isNaN(Date.parse(s))) ||
      "an ISO 8601 instant such as 2026-01-31T12:00:00Z",
  ),
  Schema.annotations({ identifier: "Instant", jsonSchema: { type: "string", format: "date-time" } }),
)

/** The resource families a key may be scoped to. */
export const scopeFamilies = [
  "projects",
  "institutions",
  "people",
  "events",
  "dissemination",
  "reach",
  "agreements",
  "tasks",
  "reports",
  "audit",
] as const

/** A resource family a key may be scoped to. */
export const ScopeFamily = Schema.Literal(...scopeFamilies).annotations({ identifier: "ScopeFamily" })
/** A resource family a key may be scoped to. */
export type ScopeFamily = typeof ScopeFamily.Type

/** Reading or changing. */
export const AccessKind = Schema.Literal("read", "write").annotations({ identifier: "AccessKind" })
/** Reading or changing. */
export type AccessKind = typeof AccessKind.Type

/** One scope: `<family>:read` or `<family>:write`. */
export const Scope = Schema.TemplateLiteral(ScopeFamily, ":", AccessKind).annotations({
  identifier: "Scope",
  description: "`<family>:read` or `<family>:write`; write implies read",
})
/** One scope: `<family>:read` or `<family>:write`. */
export type Scope = typeof Scope.Type

/** What an admin sends to create a key. */
export class NewApiKey extends Schema.Class<NewApiKey>("NewApiKey")({
  name: Schema.Trim.pipe(Schema.minLength(1), Schema.maxLength(200)),
  scopes: Schema.Array(Scope).pipe(Schema.maxItems(scopeFamilies.length * 2)),
  expiresAt: Schema.optional(Instant),
}) {}

/** A key as listed: never the key or its hash. */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  name: Schema.String,
  scopes: Schema.Array(Scope),
  expiresAt: Schema.optional(Instant),
  createdAt: Instant,
  createdBy: Schema.String,
  revokedAt: Schema.optional(Instant),
  lastUsedAt: Schema.optional(Instant),
}) {}

/** The answer to creating a key: the only time the key is shown. */
export const CreatedApiKey = Schema.Struct({
  ...ApiKey.fields,
  key: Schema.String.annotations({
    description: "The key, shown this once; send it as `Authorization: Bearer`",
  }),
}).annotations({ identifier: "CreatedApiKey" })

/** A key cannot be created already expired: `expiresAt` must lie in the future. */
export class ApiKeyExpiryPast extends Schema.TaggedError<ApiKeyExpiryPast>()("ApiKeyExpiryPast", {
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
  message: Schema.String,
}) {}

/** No key has the given id. */
export class ApiKeyNotFound extends Schema.TaggedError<ApiKeyNotFound>()("ApiKeyNotFound", {
  apiKeyId: Schema.String,
}) {}

/** Whether scopes grant `access` on `family`: `write` implies `read`. */
export const scopesAllow = (scopes: ReadonlyArray<Scope>, family: ScopeFamily, access: AccessKind): boolean =>
  scopes.includes(`${family}:write`) || (access === "read" && scopes.includes(`${family}:read`))

/** Whether a key can be used at `now`: not revoked and not past its expiry. */
export const keyUsable = (
  key: { readonly expiresAt?: string | undefined; readonly revokedAt?: string | undefined },
  now: Date,
): boolean =>
  key.revokedAt === undefined && (key.expiresAt === undefined || Date.parse(key.expiresAt) > now.getTime())

/** A page of API keys, as `GET /v1/api-keys` answers it. */
export const ApiKeyPage = Schema.Struct({
  items: Schema.Array(ApiKey),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "ApiKeyPage" })
/** A page of API keys. */
export type ApiKeyPage = typeof ApiKeyPage.Type
