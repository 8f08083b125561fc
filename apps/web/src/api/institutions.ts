/**
 * Institutions: one resource for every slice that names or picks them (the institutions pages,
 * people's and agreements' pickers, role scopes), cached under one key factory, so an edit
 * refreshes every picker.
 */
import { Institution, InstitutionPage, type NewInstitution } from "@coordina/domain"
import { queryOptions, useQueries, useQuery } from "@tanstack/react-query"
import { useMemo } from "react"
import { allPages, api, queryString, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of institutions. */
export const institutionKeys = resourceKeys("institutions")

/** Filters of the institutions list (the API filters). */
export interface InstitutionFilter {
  readonly kind?: string | undefined
  readonly level?: string | undefined
  readonly planningRegion?: string | undefined
  readonly q?: string | undefined
}

/** Every institution matching every filter (all of them without filters). */
export const institutionsQuery = (filter: InstitutionFilter = {}) => {
  const params = {
    q: filter.q,
    kind: filter.kind,
    level: filter.level,
    planningRegion: filter.planningRegion,
  }
  return queryOptions({
    queryKey: institutionKeys.list(params),
    queryFn: () => allPages(`/v1/institutions${queryString(params)}`, InstitutionPage),
    staleTime: 5 * 60_000,
  })
}

/** One institution. */
export const institutionQuery = (id: string) =>
  queryOptions({
    queryKey: institutionKeys.one(id),
    queryFn: () => api(`/v1/institutions/${seg(id)}`, { schema: Institution }),
  })

/** Creates an institution. */
export const createInstitution = (body: typeof NewInstitution.Encoded) =>
  api("/v1/institutions", { method: "POST", body, schema: Institution })

/**
 * Institution names by id, for showing ids as names: from the list of every institution, and
 * one by one for the `ids` it does not hold (e.g. created since the list was read).
 */
export const useInstitutionNames = (
  ids: ReadonlyArray<string | undefined> = [],
): ((id: string | null | undefined) => string) => {
  const { data } = useQuery({ ...institutionsQuery(), retry: false })
  const listed = new Set<string>((data ?? []).map((i) => i.id))
  const missing = data
    ? [...new Set(ids)].filter((id): id is string => id !== undefined && !listed.has(id))
    : []
  const extra = useQueries({
    queries: missing.map((id) => ({ ...institutionQuery(id), retry: false })),
    combine: (results) => results.flatMap((r) => (r.data ? [r.data] : [])),
  })
  return useMemo(() => {
    const names = new Map<string, string>([...(data ?? []), ...extra].map((i) => [i.id, i.name]))
    return (id) => (id ? (names.get(id) ?? id) : "")
  }, [data, extra])
}

/** Replaces an institution's contact addresses, if it is still at the version read. */
export const updateContactEmails = (institution: Institution, contactEmails: ReadonlyArray<string>) =>
  api(`/v1/institutions/${seg(institution.id)}`, {
    method: "PATCH",
    body: { contactEmails: [...contactEmails] },
    headers: { "If-Match": String(institution.version) },
    schema: Institution,
  })
