/**
 * Who may do what: every route names the resource family it touches and whether it reads or
 * writes, and this module alone decides, by asking the domain's access policy (Access.ts).
 * Record-level scoping (a coordinator's projects, a case worker's municipalities, an institution's
 * tasks) is decided here too, by the `can*` functions handlers call; a record outside the
 * caller's scope is answered as not found, so its existence does not leak.
 *
 * A route must carry `requires(family, access)` before its validators, or `selfService()` when
 * any signed-in caller may use it; the role × route test fails for a route with neither.
 * @module
 */
import {
  type AccessKind,
  canReadPersonal as domainCanReadPersonal,
  canSeeAgreement as domainCanSeeAgreement,
  canSeeBeneficiary as domainCanSeeBeneficiary,
  canSeeProject as domainCanSeeProject,
  canSeeTask as domainCanSeeTask,
  allows as domainAllows,
  type Family as DomainFamily,
  institutionScope,
  municipalityScope,
  projectScope,
  type RecordScope,
  requiredScope,
} from "@coordina/domain"
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import type { Principal } from "./Auth.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** The resource families permissions are granted on (API key scopes map onto them). */
export type Family = DomainFamily

/** Reading or changing. */
export type Access = AccessKind

/** Whether a principal may use a family with the given access at all. */
export const allows = (principal: Principal, family: Family, access: Access): boolean =>
  domainAllows(principal, family, access)

/**
 * Refuses with 403 unless the caller may use `family` with `access`. The problem names what was
 * needed (`family`, `access`, and for integrators the `requiredScope`).
 */
export const requires =
  (family: Family, access: Access): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (allows(c.var.principal, family, access)) return next()
    const scope = requiredScope(family, access)
    return sendProblem(
      c,
      httpProblem(403, `This caller may not ${access} ${family}.`, {
        family,
        access,
        ...(scope ? { requiredScope: scope } : {}),
      }),
    )
  }

/**
 * Lets any authenticated caller through: routes about the caller itself (who am I, sign out) and
 * facts every caller needs to read (today's date and zone).
 */
export const selfService = (): MiddlewareHandler<AppEnv> => async (_c, next) => next()

/** The projects the caller works on: all, or the listed ids. */
export const visibleProjects = (principal: Principal): RecordScope => projectScope(principal)
/** The municipalities whose agreements the caller handles: all, or the listed ids. */
export const visibleMunicipalities = (principal: Principal): RecordScope => municipalityScope(principal)
/** The institutions whose tasks the caller sees: all, or the listed ids. */
export const visibleInstitutions = (principal: Principal): RecordScope => institutionScope(principal)

/** Whether the caller may learn of a project (and its events, dissemination, reach, reports). */
export const canSeeProject = (principal: Principal, projectId: string): boolean =>
  domainCanSeeProject(principal, projectId)

/** Whether the caller may learn of an agreement, given the municipality of its matched offer. */
export const canSeeAgreement = (
  principal: Principal,
  agreement: { readonly municipalityId?: string | undefined },
): boolean => domainCanSeeAgreement(principal, agreement)

/** Whether the caller may learn of a beneficiary, given the municipalities of its agreements. */
export const canSeeBeneficiary = (principal: Principal, municipalityIds: ReadonlyArray<string>): boolean =>
  domainCanSeeBeneficiary(principal, municipalityIds)

/** Whether the caller may learn of a coordination task. */
export const canSeeTask = (
  principal: Principal,
  task: { readonly institutionId: string; readonly municipalityId?: string | undefined },
): boolean => domainCanSeeTask(principal, task)

/** Whether the caller may see a beneficiary's `personal` data (each read is audit-logged). */
export const canReadPersonal = (principal: Principal): boolean => domainCanReadPersonal(principal)
