/**
 * Queries and calls for access and accountability: the signed-in session, users, API keys, the
 * audit log, a person's data (export and erasure) and the retention policy. Every answer is
 * decoded with the domain's schema; each resource has one key factory.
 */
import {
  ApiKey,
  ApiKeyPage,
  AuditPage,
  BeneficiaryExport,
  CreatedApiKey,
  ErasureResult,
  type NewApiKey,
  type NewUser,
  PersonExport,
  RetentionPolicyView,
  RetentionReport,
  SessionView,
  User,
  type UserChange,
  UserPage,
  WhoAmI,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, idempotent, queryString, seg, send } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of the caller's session. */
export const sessionKeys = resourceKeys("session")
/** The query keys of users. */
export const userKeys = resourceKeys("users")
/** The query keys of API keys. */
export const apiKeyKeys = resourceKeys("api-keys")
/** The query keys of the audit log. */
export const auditKeys = resourceKeys("audit")
/** The query keys of the retention policy. */
export const retentionKeys = resourceKeys("retention")

/** The signed-in caller; 401 when nobody is. */
export const currentSessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.one("current"),
    queryFn: () => api("/v1/sessions/current", { schema: WhoAmI }),
    staleTime: 60_000,
  })

/** Signs in with email and password: the session comes back as an HttpOnly cookie. */
export const signInWithPassword = (email: string, password: string) =>
  api("/v1/sessions", { method: "POST", body: { email, password }, schema: SessionView })

/** Ends the session: its cookie stops working at once. */
export const signOut = () => send("/v1/sessions/current", { method: "DELETE" })

/** Every staff account (the first 500). */
export const usersQuery = () =>
  queryOptions({
    queryKey: userKeys.list(),
    queryFn: () => api("/v1/users?limit=500", { schema: UserPage }),
  })

/** Creates a staff account; the password is chosen by the admin now. */
export const createUser = (user: typeof NewUser.Encoded) =>
  api("/v1/users", { method: "POST", body: user, headers: idempotent(), schema: User })

/** Changes roles, display name or disabled, if the user is still at `version`. */
export const updateUser = (id: string, version: number, change: typeof UserChange.Encoded) =>
  api(`/v1/users/${seg(id)}`, {
    method: "PATCH",
    body: change,
    headers: { "If-Match": String(version) },
    schema: User,
  })

/** Sets a new password for a user. */
export const resetPassword = (id: string, password: string) =>
  api(`/v1/users/${seg(id)}/password`, {
    method: "POST",
    body: { password },
    headers: idempotent(),
    schema: User,
  })

/** Every API key (the first 500), never the keys themselves. */
export const apiKeysQuery = () =>
  queryOptions({
    queryKey: apiKeyKeys.list(),
    queryFn: () => api("/v1/api-keys?limit=500", { schema: ApiKeyPage }),
  })

/** Creates an API key; the answer carries the key, the only time it is shown. */
export const createApiKey = (key: typeof NewApiKey.Encoded) =>
  api("/v1/api-keys", { method: "POST", body: key, headers: idempotent(), schema: CreatedApiKey })

/** Revokes an API key: it gets 401 at once. */
export const revokeApiKey = (id: string) =>
  api(`/v1/api-keys/${seg(id)}`, { method: "DELETE", schema: ApiKey })

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
  const filter = {
    entity: search.entity?.trim(),
    actor: search.actor?.trim(),
    action: search.action?.trim(),
    cursor: search.cursor?.trim(),
  }
  return queryOptions({
    queryKey: auditKeys.list(filter),
    queryFn: () =>
      api(`/v1/audit${queryString({ limit: auditPageSize, order: "newest", ...filter })}`, {
        schema: AuditPage,
      }),
  })
}

/** The kinds of record whose data a person may ask for. */
export type DataSubjectKind = "person" | "beneficiary"

const subjectPath = (kind: DataSubjectKind, id: string) =>
  `/v1/${kind === "person" ? "people" : "beneficiaries"}/${seg(id)}`

/** Everything held on a person or beneficiary, as JSON. */
export const exportPersonalData = (
  kind: DataSubjectKind,
  id: string,
): Promise<typeof PersonExport.Type | typeof BeneficiaryExport.Type> =>
  kind === "person"
    ? api(`${subjectPath(kind, id)}/export`, { schema: PersonExport })
    : api(`${subjectPath(kind, id)}/export`, { schema: BeneficiaryExport })

/** Erases a person's or beneficiary's personal data; every total stays as it was. */
export const erasePersonalData = (kind: DataSubjectKind, id: string) =>
  api(`${subjectPath(kind, id)}/erasure`, {
    method: "POST",
    body: {},
    headers: idempotent(),
    schema: ErasureResult,
  })

/** The retention policy: one rule per data category. */
export const retentionPolicyQuery = () =>
  queryOptions({
    queryKey: retentionKeys.one("policy"),
    queryFn: () => api("/v1/retention", { schema: RetentionPolicyView }),
  })

/** What a retention run on `asOf` (today when absent) would erase or delete, changing nothing. */
export const retentionDryRun = (asOf: string | undefined) =>
  api("/v1/retention/dry-run", { method: "POST", body: asOf ? { asOf } : {}, schema: RetentionReport })
