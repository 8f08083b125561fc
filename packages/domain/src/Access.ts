/**
 * The access policy, as pure functions: which resource families a principal may read or change,
 * and which single records of a family it may learn of. The API's Policy module asks these
 * functions and nothing else decides.
 *
 * Staff rights come from role grants; an integrator's rights come from its API key's scopes.
 * Every grant adds rights, none takes any away.
 * @module
 */
import { type AccessKind, type Scope, type ScopeFamily, scopesAllow } from "./ApiKey.js"
import { isErased } from "./Erasure.js"
import type { PersonAction } from "./Person.js"
import type { RoleGrant, StaffRole } from "./User.js"

/** The resource families routes are guarded by. */
export const families = [
  "projects",
  "institutions",
  "people",
  "events",
  "dissemination",
  "reach",
  "reports",
  "procedures",
  "beneficiaries",
  "agreements",
  "tasks",
  "review",
  "audit",
  "users",
  "api-keys",
  "retention",
  "privacy",
  "calendar",
  "period-locks",
  "webhooks",
] as const

/**
 * A resource family a route reads or changes. `privacy` is export and erasure of a person's data;
 * `calendar` the working calendar's decisions, which every signed-in caller reads and only an
 * admin changes; `period-locks` the unlocking of a period a submitted report locked, which only
 * an admin may do (reading the locks is `reports`); `webhooks` the webhook endpoints, their
 * delivery logs and the outbox, which are an admin's alone (api.md).
 */
export type Family = (typeof families)[number]

/** Who is asking, as the policy sees it. */
export interface Principal {
  /** How the caller proved who it is. */
  readonly kind: "session" | "api-key" | "admin-token"
  /** The user id, API key id or `admin-token`: what the audit log records. */
  readonly id: string
  /** Staff role grants (none for an API key). */
  readonly grants: ReadonlyArray<RoleGrant>
  /** API key scopes (none for staff). */
  readonly scopes: ReadonlyArray<Scope>
}

type Rights = { readonly [F in Family]?: AccessKind }

const everything = (access: AccessKind, ...except: ReadonlyArray<Family>): Rights =>
  Object.fromEntries(families.filter((f) => !except.includes(f)).map((f) => [f, access]))

/**
 * What each staff role may do with each family. A family not listed is refused (403); `write`
 * includes `read`. Record-level limits come on top (see the `canSee*` functions).
 */
export const roleRights: { readonly [R in StaffRole]: Rights } = {
  admin: everything("write"),
  // Reads everything, changes nothing; but not a person's full export (privacy), which only the
  // data controller's admin answers, and which would show beneficiaries' personal data.
  auditor: everything("read", "privacy", "webhooks"),
  coordinator: {
    projects: "read",
    institutions: "write",
    people: "write",
    events: "write",
    dissemination: "write",
    reach: "read",
    reports: "write",
    review: "read",
  },
  case_worker: {
    institutions: "read",
    procedures: "read",
    beneficiaries: "write",
    agreements: "write",
    tasks: "write",
  },
  institution_user: {
    institutions: "read",
    procedures: "read",
    tasks: "write",
  },
}

/**
 * The API key scope family that grants a route family, or `undefined` when no key may use it
 * (accounts, keys, retention, erasure are for staff only). Beneficiaries, procedures and the
 * review belong to the agreements scope.
 */
export const scopeFamilyOf = (family: Family): ScopeFamily | undefined => {
  switch (family) {
    case "beneficiaries":
    case "procedures":
    case "review":
      return "agreements"
    case "users":
    case "api-keys":
    case "retention":
    case "privacy":
    case "calendar":
    case "period-locks":
    case "webhooks":
      return undefined
    default:
      return family
  }
}

/** The scope an API key needs for a route, e.g. `agreements:write`; `undefined` when no key may. */
export const requiredScope = (family: Family, access: AccessKind): Scope | undefined => {
  const scopeFamily = scopeFamilyOf(family)
  // The audit log is read-only for everyone; its scope is only ever `audit:read`.
  return scopeFamily && (`${scopeFamily}:${access}` as Scope)
}

const grantAllows = (grant: RoleGrant, family: Family, access: AccessKind): boolean => {
  const right = roleRights[grant.role][family]
  return right === "write" || (right === "read" && access === "read")
}

/** Whether a principal may use a family with the given access at all. */
export const allows = (principal: Principal, family: Family, access: AccessKind): boolean => {
  if (principal.kind === "api-key") {
    const scopeFamily = scopeFamilyOf(family)
    return scopeFamily !== undefined && scopesAllow(principal.scopes, scopeFamily, access)
  }
  return principal.grants.some((g) => grantAllows(g, family, access))
}

/** Every record of a kind, or only those with the listed ids. */
export type RecordScope = "all" | ReadonlyArray<string>

const hasRole = (principal: Principal, ...roles: ReadonlyArray<StaffRole>) =>
  principal.grants.some((g) => roles.includes(g.role))

const scopeOf = (
  principal: Principal,
  ids: (grant: RoleGrant) => ReadonlyArray<string> | undefined,
): RecordScope => {
  if (principal.kind === "api-key" || hasRole(principal, "admin", "auditor")) return "all"
  return [...new Set(principal.grants.flatMap((g) => ids(g) ?? []))]
}

const within = (scope: RecordScope, id: string | undefined): boolean =>
  scope === "all" || (id !== undefined && scope.includes(id))

/** The projects whose events, dissemination, reach and reports a principal works on. */
export const projectScope = (principal: Principal): RecordScope =>
  scopeOf(principal, (g) => (g.role === "coordinator" ? g.projectIds : undefined))

/** The municipalities (institution ids) whose agreements a principal handles. */
export const municipalityScope = (principal: Principal): RecordScope =>
  scopeOf(principal, (g) => (g.role === "case_worker" ? g.municipalityIds : undefined))

/** The institutions whose coordination tasks a principal sees (besides its municipalities' agreements). */
export const institutionScope = (principal: Principal): RecordScope =>
  scopeOf(principal, (g) =>
    g.role === "institution_user"
      ? [g.institutionId]
      : g.role === "case_worker"
        ? g.municipalityIds
        : undefined,
  )

/** Whether a principal may learn of a project and of what belongs to it. */
export const canSeeProject = (principal: Principal, projectId: string): boolean =>
  within(projectScope(principal), projectId)

/**
 * Whether a principal may learn of an agreement: a case worker only of those matched to an offer
 * of one of their municipalities (an unmatched intent belongs to no municipality yet).
 */
export const canSeeAgreement = (
  principal: Principal,
  agreement: { readonly municipalityId?: string | undefined },
): boolean => within(municipalityScope(principal), agreement.municipalityId)

/**
 * Whether a principal may learn of a beneficiary, given the municipalities of the offers the
 * beneficiary's agreements are matched to.
 */
export const canSeeBeneficiary = (principal: Principal, municipalityIds: ReadonlyArray<string>): boolean => {
  const scope = municipalityScope(principal)
  return scope === "all" || municipalityIds.some((m) => scope.includes(m))
}

/**
 * Whether a principal may learn of a coordination task: an institution user of those addressed to
 * their institution, a case worker of those addressed to their municipality or belonging to an
 * agreement of it.
 */
export const canSeeTask = (
  principal: Principal,
  task: { readonly institutionId: string; readonly municipalityId?: string | undefined },
): boolean => {
  const scope = institutionScope(principal)
  return within(scope, task.institutionId) || within(municipalityScope(principal), task.municipalityId)
}

/**
 * Whether a principal may see a beneficiary's `personal` data (name, birth date, citizenship) on
 * records it can see: admins, case workers, and integrators with an agreements scope (the
 * municipalities' and the State Agency for Refugees' case systems). Auditors and coordinators
 * see the pseudonym only. Every read of it is audit-logged.
 */
export const canReadPersonal = (principal: Principal): boolean =>
  principal.kind === "api-key"
    ? scopesAllow(principal.scopes, "agreements", "read")
    : hasRole(principal, "admin", "case_worker")

/** Whether a principal may act for a municipality: a case worker only for their own. */
export const canActForMunicipality = (principal: Principal, municipalityId: string): boolean =>
  within(municipalityScope(principal), municipalityId)

/**
 * Whether a principal may learn of a municipal offer: a case worker only of their
 * municipalities' offers.
 */
export const canSeeOffer = (principal: Principal, offer: { readonly municipalityId: string }): boolean =>
  canActForMunicipality(principal, offer.municipalityId)

/** Whether a principal may change agreements (and so is offered their actions). */
export const mayChangeAgreements = (principal: Principal): boolean => allows(principal, "agreements", "write")

/**
 * Whether a principal may answer a coordination task (accept, reject, complete): one that may
 * change tasks and may learn of this one.
 */
export const canAnswerTask = (
  principal: Principal,
  task: { readonly institutionId: string; readonly municipalityId?: string | undefined },
): boolean => allows(principal, "tasks", "write") && canSeeTask(principal, task)

/** Whether the principal changes nothing anywhere (an auditor, or a read-only key). */
export const readOnly = (principal: Principal): boolean =>
  !families.some((f) => allows(principal, f, "write"))

/**
 * Whether a principal may see the names of the people behind reach figures: admins and
 * coordinators (who register those people); auditors and integrators see pseudonymous ids only.
 */
export const maySeeNames = (principal: Principal): boolean =>
  principal.kind !== "api-key" && hasRole(principal, "admin", "coordinator")

/**
 * What a principal may do with a person record, as the API tells the client: `merge` (a surviving
 * record) or `unmerge` (a merged one) with people write rights, `export` with privacy read rights,
 * and `erase` with privacy write rights while the record is not erased yet.
 */
export const personActions = (
  principal: Principal,
  person: {
    readonly givenName: string
    readonly familyName: string
    readonly mergedInto?: string | undefined
  },
): ReadonlyArray<PersonAction> => {
  const actions: Array<PersonAction> = []
  if (allows(principal, "people", "write"))
    actions.push(person.mergedInto === undefined ? "merge" : "unmerge")
  if (allows(principal, "privacy", "read")) actions.push("export")
  if (allows(principal, "privacy", "write") && !isErased(person)) actions.push("erase")
  return actions
}
