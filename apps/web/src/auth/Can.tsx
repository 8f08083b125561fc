/**
 * What the signed-in caller may use, as the domain's access policy says. The SPA only hides what
 * a role cannot use; the API still decides every request.
 */
import type { WhoAmI } from "@coordina/domain"
import { type AccessKind, allows, type Family, type Principal, type RoleGrant } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { currentSessionQuery } from "../api/access.js"

/**
 * The caller as the access policy sees it: a user's role grants, an API key's scopes, or the
 * admin token's unscoped roles.
 */
export const principalOf = (session: WhoAmI): Principal => ({
  kind: session.kind,
  id: session.id,
  grants:
    session.user?.roles ??
    session.roles.flatMap(
      (role): ReadonlyArray<RoleGrant> => (role === "admin" || role === "auditor" ? [{ role }] : []),
    ),
  scopes: session.scopes ?? [],
})

/** The signed-in caller, once known (the signed-in layout loads it before any page). */
export const useCurrentSession = (): WhoAmI | undefined => useQuery(currentSessionQuery()).data

/** Whether the signed-in caller may use `family` with `access`. */
export const useAllows = (family: Family, access: AccessKind = "read"): boolean => {
  const session = useCurrentSession()
  return session !== undefined && allows(principalOf(session), family, access)
}

/** Shows `children` only to a caller who may use `family` with `access`. */
export const Can = ({
  family,
  access = "read",
  children,
}: {
  family: Family
  access?: AccessKind
  children: ReactNode
}) => (useAllows(family, access) ? children : null)
