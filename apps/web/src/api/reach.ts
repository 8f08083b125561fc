/**
 * Queries and commands for capacity building and reach: people, duplicates, events,
 * participations, dissemination, reach and sign-in sheets. Every answer is decoded with the
 * domain's schema, so the SPA and the API cannot disagree on a field; each resource has one key
 * factory. Institutions are their own resource (institutions.ts).
 */
import {
  DisseminationActivity,
  DisseminationActivityPage,
  DuplicateDismissal,
  DuplicatePage,
  type DrillIndicator,
  EventView,
  EventViewPage,
  type NewDisseminationActivity,
  type NewEvent,
  type NewParticipation,
  type NewPerson,
  Participation,
  ParticipationPage,
  PersonPage,
  PersonView,
  ReachPeoplePage,
  ReachReport,
  ReachSeries,
  SignInSheetResult,
} from "@coordina/domain"
import { keepPreviousData, type QueryClient, queryOptions } from "@tanstack/react-query"
import { allPages, api, authHeaders, decodeAnswer, problemOf, queryString, seg, send } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of people (and, under one person, their participations). */
export const personKeys = resourceKeys("people")
/** The query keys of events (and, under one event, its participations). */
export const eventKeys = resourceKeys("events")
/** The query keys of dissemination activities. */
export const disseminationKeys = resourceKeys("dissemination")
/** The query keys of reach figures (report, series, people behind a figure). */
export const reachKeys = resourceKeys("reach")

/** After a change to who took part (participations, attendance, a sheet, dissemination): reach moves too. */
export const afterReachChange = (queryClient: QueryClient) =>
  Promise.all([
    personKeys.invalidate(queryClient),
    eventKeys.invalidate(queryClient),
    disseminationKeys.invalidate(queryClient),
    reachKeys.invalidate(queryClient),
  ])

// --- People -----------------------------------------------------------------------------------

/** People whose name contains every word of `q`, in Cyrillic or Latin (the API matches). */
export const peopleQuery = (q: string, limit = 50, cursor?: string) =>
  queryOptions({
    queryKey: personKeys.list({ q, limit, cursor }),
    queryFn: () => api(`/v1/people${queryString({ q: q.trim(), limit, cursor })}`, { schema: PersonPage }),
    placeholderData: keepPreviousData,
  })

/** One person. */
export const personQuery = (id: string) =>
  queryOptions({
    queryKey: personKeys.one(id),
    queryFn: () => api(`/v1/people/${seg(id)}`, { schema: PersonView }),
  })

/** The people with the given ids (up to 500), in one request: names for lists. */
export const peopleByIdsQuery = (ids: ReadonlyArray<string>) => {
  const unique = [...new Set(ids)].sort().slice(0, 500)
  return queryOptions({
    queryKey: personKeys.list({ ids: unique }),
    queryFn: async () =>
      unique.length === 0
        ? []
        : (await api(`/v1/people${queryString({ ids: unique.join(",") })}`, { schema: PersonPage })).items,
  })
}

/** A person's participations in events. */
export const personParticipationsQuery = (id: string) =>
  queryOptions({
    queryKey: personKeys.one(id, "participations"),
    queryFn: () => allPages(`/v1/people/${seg(id)}/participations`, ParticipationPage),
  })

/** Creates a person; a known email fails with 409 and `existingId`. */
export const createPerson = (body: typeof NewPerson.Encoded) =>
  api("/v1/people", { method: "POST", body, schema: PersonView })

/** Possible duplicates to review. */
export const duplicatesQuery = () =>
  queryOptions({
    queryKey: personKeys.list({ duplicates: true }),
    queryFn: () => api("/v1/people/duplicates?limit=100", { schema: DuplicatePage }),
  })

/** Merges one record into another. */
export const mergePerson = (personId: string, intoPersonId: string) =>
  api(`/v1/people/${seg(personId)}/merge`, { method: "POST", body: { intoPersonId }, schema: PersonView })

/** Says two records are two different people: they are no longer offered as duplicates. */
export const dismissDuplicate = (personIds: readonly [string, string]) =>
  api("/v1/people/duplicates/dismissals", {
    method: "POST",
    body: { personIds },
    schema: DuplicateDismissal,
  })

/** Takes back {@link dismissDuplicate}. */
export const undoDuplicateDismissal = (personIds: readonly [string, string]) =>
  send("/v1/people/duplicates/dismissals", { method: "DELETE", body: { personIds } })

/** Undoes the merge of a record. */
export const unmergePerson = (personId: string) =>
  api(`/v1/people/${seg(personId)}/unmerge`, { method: "POST", schema: PersonView })

// --- Events and participations ----------------------------------------------------------------

/** The events of a project. */
export const eventsQuery = (projectId: string) =>
  queryOptions({
    queryKey: eventKeys.list({ projectId }),
    queryFn: () => allPages(`/v1/events${queryString({ projectId })}`, EventViewPage),
  })

/** A page of a project's events, with the count of all of them. */
export const eventPageQuery = (projectId: string, cursor: string | undefined, limit = 50) =>
  queryOptions({
    queryKey: eventKeys.list({ projectId, cursor, limit }),
    queryFn: () => api(`/v1/events${queryString({ projectId, cursor, limit })}`, { schema: EventViewPage }),
    placeholderData: keepPreviousData,
  })

/** One event. */
export const eventQuery = (id: string) =>
  queryOptions({
    queryKey: eventKeys.one(id),
    queryFn: () => api(`/v1/events/${seg(id)}`, { schema: EventView }),
  })

/** Creates an event. */
export const createEvent = (body: typeof NewEvent.Encoded) =>
  api("/v1/events", { method: "POST", body, schema: EventView })

/** The participations of an event. */
export const participationsQuery = (eventId: string) =>
  queryOptions({
    queryKey: eventKeys.one(eventId, "participations"),
    queryFn: () => allPages(`/v1/events/${seg(eventId)}/participations`, ParticipationPage),
  })

/** Registers a person for an event. */
export const addParticipation = (eventId: string, body: typeof NewParticipation.Encoded) =>
  api(`/v1/events/${seg(eventId)}/participations`, { method: "POST", body, schema: Participation })

/** Replaces the days a person attended an event. */
export const setAttendance = (eventId: string, personId: string, days: ReadonlyArray<string>) =>
  api(`/v1/events/${seg(eventId)}/participations/${seg(personId)}/attendance`, {
    method: "PUT",
    body: { days },
    schema: Participation,
  })

// --- Dissemination ----------------------------------------------------------------------------

/** The dissemination activities of a project. */
export const disseminationQuery = (projectId: string) =>
  queryOptions({
    queryKey: disseminationKeys.list({ projectId }),
    queryFn: () =>
      allPages(`/v1/dissemination-activities${queryString({ projectId })}`, DisseminationActivityPage),
  })

/** Records a dissemination activity. */
export const createDissemination = (body: typeof NewDisseminationActivity.Encoded) =>
  api("/v1/dissemination-activities", { method: "POST", body, schema: DisseminationActivity })

// --- Reach ------------------------------------------------------------------------------------

/** A project's reach as of a date (the API's today when absent). */
export const reachQuery = (projectId: string, asOf?: string) =>
  queryOptions({
    queryKey: reachKeys.one(projectId, "report", asOf ?? "today"),
    queryFn: () =>
      api(`/v1/projects/${seg(projectId)}/reach${queryString({ asOf })}`, { schema: ReachReport }),
  })

/** A project's reach month by month up to a date. */
export const reachSeriesQuery = (projectId: string, asOf?: string) =>
  queryOptions({
    queryKey: reachKeys.one(projectId, "series", asOf ?? "today"),
    queryFn: () =>
      api(`/v1/projects/${seg(projectId)}/reach/series${queryString({ to: asOf, step: "month" })}`, {
        schema: ReachSeries,
      }),
  })

/** The people behind a reach figure. */
export const reachPeopleQuery = (
  projectId: string,
  indicator: DrillIndicator,
  bucket?: string,
  asOf?: string,
) =>
  queryOptions({
    queryKey: reachKeys.one(projectId, "people", indicator, bucket ?? "", asOf ?? "today"),
    queryFn: () =>
      api(
        `/v1/projects/${seg(projectId)}/reach/people${queryString({ asOf, indicator, bucket, limit: 500 })}`,
        { schema: ReachPeoplePage },
      ),
  })

// --- Sign-in sheets ---------------------------------------------------------------------------

/** The media type the API reads a sheet file as. */
export const sheetContentType = (file: File): string => {
  const name = file.name.toLowerCase()
  if (name.endsWith(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  if (name.endsWith(".csv") || name.endsWith(".txt")) return "text/csv"
  return file.type || "application/octet-stream"
}

/**
 * Sends a sign-in sheet with XMLHttpRequest, whose upload events (unlike fetch) report
 * progress; `onProgress` gets the share sent, 0 to 1. Resolves with the decoded result or
 * rejects with an `ApiProblem`.
 */
export const uploadSheet = (
  eventId: string,
  file: File,
  options: { readonly dryRun: boolean; readonly onProgress?: (share: number) => void },
): Promise<SignInSheetResult> =>
  new Promise((resolve, reject) => {
    const path = `/v1/events/${seg(eventId)}/sign-in-sheet${options.dryRun ? "?dryRun=true" : ""}`
    const xhr = new XMLHttpRequest()
    xhr.open("POST", path)
    xhr.setRequestHeader("Accept", "application/json")
    xhr.setRequestHeader("Content-Type", sheetContentType(file))
    for (const [name, value] of Object.entries(authHeaders("POST"))) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total)
    }
    xhr.onload = () => {
      let json: unknown
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        json = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1)
        try {
          resolve(decodeAnswer(path, SignInSheetResult, json))
        } catch (mismatch) {
          reject(mismatch)
        }
      } else reject(problemOf(xhr.status, xhr.statusText, json))
    }
    xhr.onerror = () => reject(problemOf(0, "Network error", undefined))
    xhr.send(file)
  })
