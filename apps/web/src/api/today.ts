/**
 * The SPA's one "today": the API's date and zone (`GET /v1/today`), never the browser's clock,
 * so a deadline, an overdue task or a form's default date is the same day for the API, the
 * worker and every browser, whatever zone the browser is in.
 */
import { type IsoDate, TodayView } from "@coordina/domain"
import { type QueryClient, queryOptions, useSuspenseQuery } from "@tanstack/react-query"
import { api } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of today. */
export const todayKeys = resourceKeys("today")

/** Today's date, the zone and the instant, as the API reads them; re-read every few minutes. */
export const todayQuery = () =>
  queryOptions({
    queryKey: todayKeys.one("current"),
    queryFn: () => api("/v1/today", { schema: TodayView }),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  })

/** Today, loaded once by the signed-in layout; loaders that need a default date ask here. */
export const ensureToday = (queryClient: QueryClient): Promise<TodayView> =>
  queryClient.ensureQueryData(todayQuery())

/** Today as the API says (the signed-in layout has loaded it). */
export const useToday = (): TodayView => useSuspenseQuery(todayQuery()).data

/** Today's date as the API says. */
export const useTodayDate = (): IsoDate => useToday().date
