/**
 * Who may do what: every route names the resource family it touches and whether it reads or
 * writes, and this module alone decides, by asking the domain's access policy (Access.ts).
 * Record-level scoping is the domain's too: a coordinator's projects through the `can*` functions
 * here; the agreements family's (a case worker's municipalities, an institution's tasks) in the
 * app layer's services, which ask Access.ts directly. A record outside the caller's scope is
 * answered as not found, so its existence does not leak.
 *
 * A route must carry `requires(family, access)` before its validators, or `selfService()` when
 * any signed-in caller may use it; the role × route test fails for a route with neither.
 * @module
 */
import {
  type AccessKind,
  canSeeProject as domainCanSeeProject,
  allows as domainAllows,
  type Family as DomainFamily,
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
/** Whether the caller may learn of a project (and its events, dissemination, reach, reports). */
export const canSeeProject = (principal: Principal, projectId: string): boolean =>
  domainCanSeeProject(principal, projectId)
