/**
 * Queries and calls for access and accountability: the signed-in session, users, API keys, the
 * audit log, a person's data (export and erasure) and the retention policy. The types come from
 * the domain's schemas, so the SPA and the API cannot disagree on a field.
 */
import type {
  ApiKey,
  AuditRecord,
  CreatedApiKey,
  ErasureResult,
  NewApiKey,
  NewUser,
  RetentionReport,
  RetentionRule,
  RoleGrant,
  Scope,
  User,
  UserChange,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, type Page } from "./client.js"

/** A user as the API sends it. */
export type UserJson = typeof User.Encoded
/** A role grant as the API sends it. */
export type RoleGrantJson = typeof RoleGrant.Encoded
/** An API key as listed. */
export type ApiKeyJson = typeof ApiKey.Encoded
/** A new API key, with the key shown this once. */
export type CreatedApiKeyJson = typeof CreatedApiKey.Encoded
/** An audit log entry. */
export type AuditRecordJson = typeof AuditRecord.Encoded
/** One rule of the retention policy. */
export type RetentionRuleJson = typeof RetentionRule.Encoded
/** What a retention run (or dry run) would erase or delete. */
export type RetentionReportJson = typeof RetentionReport.Encoded
/** What an erasure did. */
export type ErasureResultJson = typeof ErasureResult.Encoded

/**
 * Who is signed in (`GET /v1/sessions/current`): a staff user (session, with the user and the
 * session's CSRF token when it came in the cookie), an API key with its scopes, or the install's
 * admin token.
 */
export interface CurrentSession {
  readonly kind: "session" | "api-key" | "admin-token"
  readonly id: string
  readonly roles: ReadonlyArray<string>
  readonly user?: UserJson
  readonly scopes?: ReadonlyArray<Scope>
  readonly csrfToken?: string
  readonly expiresAt?: string
}

/** The answer to signing in with email and password. */
export interface SignedIn {
  readonly user: UserJson
  readonly csrfToken: string
  readonly expiresAt: string
}

const idempotent = () => ({ "Idempotency-Key": crypto.randomUUID() })
const enc = encodeURIComponent

/** The signed-in caller; 401 when nobody is. */
export const currentSessionQuery = () =>
  queryOptions({
    queryKey: ["session"],
    queryFn: () => api<CurrentSession>("/v1/sessions/current"),
    staleTime: 60_000,
  })

/** Signs in with email and password: the session comes back as an HttpOnly cookie. */
export const signInWithPassword = (email: string, password: string) =>
  api<SignedIn>("/v1/sessions", { method: "POST", body: { email, password } })

/** Ends the session: its cookie stops working at once. */
export const signOut = () => api<unknown>("/v1/sessions/current", { method: "DELETE" })

/** Every staff account (the first 500). */
export const usersQuery = () =>
  queryOptions({ queryKey: ["users"], queryFn: () => api<Page<UserJson>>("/v1/users?limit=500") })

/** Creates a staff account; the password is chosen by the admin now. */
export const createUser = (user: typeof NewUser.Encoded) =>
  api<UserJson>("/v1/users", { method: "POST", body: user, headers: idempotent() })

/** Changes roles, display name or disabled, if the user is still at `version`. */
export const updateUser = (id: string, version: number, change: typeof UserChange.Encoded) =>
  api<UserJson>(`/v1/users/${enc(id)}`, {
    method: "PATCH",
    body: change,
    headers: { "If-Match": String(version) },
  })

/** Sets a new password for a user. */
export const resetPassword = (id: string, password: string) =>
  api<unknown>(`/v1/users/${enc(id)}/password`, { method: "POST", body: { password }, headers: idempotent() })

/** Every API key (the first 500), never the keys themselves. */
export const apiKeysQuery = () =>
  queryOptions({ queryKey: ["api-keys"], queryFn: () => api<Page<ApiKeyJson>>("/v1/api-keys?limit=500") })

/** Creates an API key; the answer carries the key, the only time it is shown. */
export const createApiKey = (key: typeof NewApiKey.Encoded) =>
  api<CreatedApiKeyJson>("/v1/api-keys", { method: "POST", body: key, headers: idempotent() })

/** Revokes an API key: it gets 401 at once. */
export const revokeApiKey = (id: string) => api<unknown>(`/v1/api-keys/${enc(id)}`, { method: "DELETE" })

/** Filters of the audit view. */
export interface AuditSearch {
  readonly entity?: string | undefined
  readonly actor?: string | undefined
  readonly action?: string | undefined
  readonly cursor?: string | undefined
}

/** Page size of the audit view. */
export const auditPageSize = 50

/** One page of the audit log, filtered. */
export const auditQuery = (search: AuditSearch) => {
  const params = new URLSearchParams({ limit: String(auditPageSize) })
  for (const key of ["entity", "actor", "action", "cursor"] as const) {
    const value = search[key]?.trim()
    if (value) params.set(key, value)
  }
  return queryOptions({
    queryKey: ["audit", params.toString()],
    queryFn: () => api<Page<AuditRecordJson>>(`/v1/audit?${params}`),
  })
}

/** The kinds of record whose data a person may ask for. */
export type DataSubjectKind = "person" | "beneficiary"

const subjectPath = (kind: DataSubjectKind, id: string) =>
  `/v1/${kind === "person" ? "people" : "beneficiaries"}/${enc(id)}`

/** Everything held on a person or beneficiary, as JSON. */
export const exportPersonalData = (kind: DataSubjectKind, id: string) =>
  api<unknown>(`${subjectPath(kind, id)}/export`)

/** Erases a person's or beneficiary's personal data; every total stays as it was. */
export const erasePersonalData = (kind: DataSubjectKind, id: string) =>
  api<ErasureResultJson>(`${subjectPath(kind, id)}/erasure`, {
    method: "POST",
    body: {},
    headers: idempotent(),
  })

/** The retention policy: one rule per data category. */
export const retentionPolicyQuery = () =>
  queryOptions({
    queryKey: ["retention", "policy"],
    queryFn: () => api<{ policy: ReadonlyArray<RetentionRuleJson> }>("/v1/retention"),
  })

/** What a retention run on `asOf` (today when absent) would erase or delete, changing nothing. */
export const retentionDryRun = (asOf: string | undefined) =>
  api<RetentionReportJson>("/v1/retention/dry-run", { method: "POST", body: asOf ? { asOf } : {} })

/** Institutions, for picking a role's scope (the first 500). */
export const institutionOptionsQuery = () =>
  queryOptions({
    queryKey: ["institutions", "options"],
    queryFn: () => api<Page<{ id: string; name: string; kind: string }>>("/v1/institutions?limit=500"),
  })
