/**
 * Who may do what: every route names the resource family it touches and whether it reads or
 * writes, and this module alone decides. Record-level scoping (a coordinator's projects, a
 * case worker's municipalities) is decided here too, by the `can*` functions handlers call.
 * @module
 */
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import type { Principal } from "./Auth.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** The resource families permissions are granted on (API key scopes use the same names). */
export type Family =
  | "projects"
  | "institutions"
  | "people"
  | "events"
  | "dissemination"
  | "reach"
  | "reports"
  | "procedures"
  | "beneficiaries"
  | "agreements"
  | "tasks"
  | "review"
  | "audit"
  | "users"
  | "api-keys"
  | "retention"

/** Reading or changing. */
export type Access = "read" | "write"

/** Whether a principal may use a family with the given access at all. */
export const allows = (principal: Principal, family: Family, access: Access): boolean => {
  if (principal.roles.includes("admin")) return true
  if (principal.roles.includes("auditor")) return access === "read"
  return false
}

/** Refuses with 403 unless the caller may use `family` with `access`. */
export const requires =
  (family: Family, access: Access): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (allows(c.var.principal, family, access)) return next()
    return sendProblem(c, httpProblem(403, `This token may not ${access} ${family}.`))
  }
