/**
 * The good-practice library and the recommendations, read page by page (the library can grow;
 * its search is the API's), cached under one key factory each.
 */
import {
  type NewPractice,
  type NewRecommendation,
  Practice,
  PracticePage,
  type PracticePatch,
  RecommendationPage,
  RecommendationView,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, idempotent, queryString, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of practices. */
export const practiceKeys = resourceKeys("practices")
/** The query keys of recommendations. */
export const recommendationKeys = resourceKeys("recommendations")

/** What the library page asks the API for. */
export interface PracticeListFilter {
  readonly q?: string | undefined
  readonly country?: string | undefined
  readonly area?: string | undefined
  readonly level?: string | undefined
  readonly cursor?: string | undefined
}

/** One page of the library. */
export const practicesQuery = (filter: PracticeListFilter) => {
  const params = {
    q: filter.q,
    country: filter.country,
    area: filter.area,
    level: filter.level,
    cursor: filter.cursor,
    limit: 25,
  }
  return queryOptions({
    queryKey: practiceKeys.list(params),
    queryFn: () => api(`/v1/practices${queryString(params)}`, { schema: PracticePage }),
  })
}

/** One practice. */
export const practiceQuery = (id: string) =>
  queryOptions({
    queryKey: practiceKeys.one(id),
    queryFn: () => api(`/v1/practices/${seg(id)}`, { schema: Practice }),
  })

/** Adds a practice. */
export const createPractice = (body: typeof NewPractice.Encoded) =>
  api("/v1/practices", { method: "POST", body, schema: Practice, headers: idempotent() })

/** Changes a practice read at `version`. */
export const updatePractice = (id: string, version: number, body: typeof PracticePatch.Encoded) =>
  api(`/v1/practices/${seg(id)}`, {
    method: "PATCH",
    body,
    schema: Practice,
    headers: { "If-Match": String(version) },
  })

/** The recommendations of one level, or all (the first 500). */
export const recommendationsQuery = (level: string | undefined) => {
  const params = { level, limit: 500 }
  return queryOptions({
    queryKey: recommendationKeys.list(params),
    queryFn: () => api(`/v1/recommendations${queryString(params)}`, { schema: RecommendationPage }),
  })
}

/** Writes a recommendation. */
export const createRecommendation = (body: typeof NewRecommendation.Encoded) =>
  api("/v1/recommendations", { method: "POST", body, schema: RecommendationView, headers: idempotent() })
