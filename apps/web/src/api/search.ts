/**
 * The search box and the beneficiaries list, decoded with the domain's schemas.
 * @module
 */
import { BeneficiaryPage, SearchResults } from "@coordina/domain"
import { keepPreviousData, queryOptions } from "@tanstack/react-query"
import { api, queryString } from "./client.js"
import { resourceKeys } from "./keys.js"

/** Query keys of searches. */
export const searchKeys = resourceKeys("search")
/** Query keys of the beneficiaries list (its records share the beneficiaries' keys). */
export const beneficiaryListKeys = resourceKeys("beneficiaries")

/** Everything the caller may read that matches `q` (empty while `q` is blank). */
export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: searchKeys.list({ q }),
    queryFn: () => api(`/v1/search${queryString({ q })}`, { schema: SearchResults }),
    enabled: q.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  })

/** A page of the beneficiaries the caller may see, matching `q` when given. */
export const beneficiariesQuery = (q: string | undefined, cursor?: string) =>
  queryOptions({
    queryKey: beneficiaryListKeys.list({ q, cursor }),
    queryFn: () => api(`/v1/beneficiaries${queryString({ q, cursor })}`, { schema: BeneficiaryPage }),
    placeholderData: keepPreviousData,
  })
