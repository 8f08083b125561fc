/**
 * Queries and commands for capacity building and reach: institutions, people, duplicates,
 * events, participations, dissemination, reach and sign-in sheets. Types are the encoded side
 * of the domain's schemas, so the SPA and the API cannot disagree on a field.
 */
import type {
  DisseminationActivity,
  DrillIndicator,
  Event,
  Institution,
  NewDisseminationActivity,
  NewEvent,
  NewInstitution,
  NewParticipation,
  NewPerson,
  Participation,
  Person,
  ReachReport,
  ReachSeries,
  SignInSheetResult,
} from "@coordina/domain"
import { keepPreviousData, queryOptions } from "@tanstack/react-query"
import { getCsrfToken, getToken } from "../auth/session.js"
import { ApiProblem, api, type Page, type ProblemBody } from "./client.js"

/** An institution as the API sends it. */
export type InstitutionJson = typeof Institution.Encoded
/** A person as the API sends it. */
export type PersonJson = typeof Person.Encoded
/** An event as the API sends it. */
export type EventJson = typeof Event.Encoded
/** A participation as the API sends it. */
export type ParticipationJson = typeof Participation.Encoded
/** A dissemination activity as the API sends it. */
export type DisseminationJson = typeof DisseminationActivity.Encoded
/** A project's reach as the API sends it. */
export type ReachJson = typeof ReachReport.Encoded
/** Reach over time as the API sends it. */
export type ReachSeriesJson = typeof ReachSeries.Encoded
/** The answer to a sign-in sheet import or its dry run. */
export type SheetResultJson = typeof SignInSheetResult.Encoded

/** A group of possible duplicates: one normalised name at several institutions. */
export interface DuplicateGroupJson {
  readonly nameKey: string
  readonly people: ReadonlyArray<PersonJson>
}

/** One person behind a reach figure. Names come only to roles allowed to see them. */
export interface ReachPersonJson {
  readonly personId: string
  readonly displayName?: string
  readonly institutionId?: string
  /** First qualifying attended day, or the date first named. */
  readonly firstDate: string
  /** The event (direct) or dissemination activity (indirect) of that date. */
  readonly via: string
}

/** A page of the people behind a figure. */
export interface ReachPeopleJson {
  readonly total: number
  readonly items: ReadonlyArray<ReachPersonJson>
  readonly nextCursor: string | null
}

const enc = encodeURIComponent

const search = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") s.set(k, String(v))
  const text = s.toString()
  return text ? `?${text}` : ""
}

// --- Institutions -----------------------------------------------------------------------------

/** Filters of the institutions list. */
export interface InstitutionFilter {
  readonly kind?: string | undefined
  readonly level?: string | undefined
  readonly planningRegion?: string | undefined
  readonly q?: string | undefined
}

/** The first 500 institutions matching every filter (the API filters). */
export const institutionsQuery = (filter: InstitutionFilter = {}) =>
  queryOptions({
    queryKey: [
      "institutions",
      "list",
      filter.q ?? "",
      filter.kind ?? "",
      filter.level ?? "",
      filter.planningRegion ?? "",
    ],
    queryFn: () =>
      api<Page<InstitutionJson>>(
        `/v1/institutions${search({
          limit: 500,
          q: filter.q,
          kind: filter.kind,
          level: filter.level,
          planningRegion: filter.planningRegion,
        })}`,
      ),
  })

/** One institution. */
export const institutionQuery = (id: string) =>
  queryOptions({
    queryKey: ["institutions", id],
    queryFn: () => api<InstitutionJson>(`/v1/institutions/${enc(id)}`),
  })

/** Creates an institution. */
export const createInstitution = (body: typeof NewInstitution.Encoded) =>
  api<InstitutionJson>("/v1/institutions", { method: "POST", body })

// --- People -----------------------------------------------------------------------------------

/** People whose name contains every word of `q`, in Cyrillic or Latin (the API matches). */
export const peopleQuery = (q: string, limit = 50) =>
  queryOptions({
    queryKey: ["people", "search", q, limit],
    queryFn: () => api<Page<PersonJson>>(`/v1/people${search({ q: q.trim(), limit })}`),
    placeholderData: keepPreviousData,
  })

/** One person. */
export const personQuery = (id: string) =>
  queryOptions({ queryKey: ["people", id], queryFn: () => api<PersonJson>(`/v1/people/${enc(id)}`) })

/** The people with the given ids (up to 500), in one request: names for lists. */
export const peopleByIdsQuery = (ids: ReadonlyArray<string>) => {
  const unique = [...new Set(ids)].sort().slice(0, 500)
  return queryOptions({
    queryKey: ["people", "byIds", unique],
    queryFn: () =>
      unique.length === 0
        ? Promise.resolve({ items: [], nextCursor: null } as Page<PersonJson>)
        : api<Page<PersonJson>>(`/v1/people${search({ ids: unique.join(",") })}`),
  })
}

/** A person's participations in events. */
export const personParticipationsQuery = (id: string) =>
  queryOptions({
    queryKey: ["people", id, "participations"],
    queryFn: () => api<Page<ParticipationJson>>(`/v1/people/${enc(id)}/participations?limit=500`),
  })

/** Creates a person; a known email fails with 409 and `existingId`. */
export const createPerson = (body: typeof NewPerson.Encoded) =>
  api<PersonJson>("/v1/people", { method: "POST", body })

/** Possible duplicates to review. */
export const duplicatesQuery = () =>
  queryOptions({
    queryKey: ["people", "duplicates"],
    queryFn: () => api<Page<DuplicateGroupJson>>("/v1/people/duplicates?limit=100"),
  })

/** Merges one record into another. */
export const mergePerson = (personId: string, intoPersonId: string) =>
  api<PersonJson>(`/v1/people/${enc(personId)}/merge`, { method: "POST", body: { intoPersonId } })

/** Undoes the merge of a record. */
export const unmergePerson = (personId: string) =>
  api<PersonJson>(`/v1/people/${enc(personId)}/unmerge`, { method: "POST" })

// --- Events and participations ----------------------------------------------------------------

/** The events of a project. */
export const eventsQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["events", "project", projectId],
    queryFn: () => api<Page<EventJson>>(`/v1/events${search({ projectId, limit: 500 })}`),
  })

/** One event. */
export const eventQuery = (id: string) =>
  queryOptions({ queryKey: ["events", id], queryFn: () => api<EventJson>(`/v1/events/${enc(id)}`) })

/** Creates an event. */
export const createEvent = (body: typeof NewEvent.Encoded) =>
  api<EventJson>("/v1/events", { method: "POST", body })

/** The participations of an event. */
export const participationsQuery = (eventId: string) =>
  queryOptions({
    queryKey: ["events", eventId, "participations"],
    queryFn: () => api<Page<ParticipationJson>>(`/v1/events/${enc(eventId)}/participations?limit=500`),
  })

/** Registers a person for an event. */
export const addParticipation = (eventId: string, body: typeof NewParticipation.Encoded) =>
  api<ParticipationJson>(`/v1/events/${enc(eventId)}/participations`, { method: "POST", body })

/** Replaces the days a person attended an event. */
export const setAttendance = (eventId: string, personId: string, days: ReadonlyArray<string>) =>
  api<ParticipationJson>(`/v1/events/${enc(eventId)}/participations/${enc(personId)}/attendance`, {
    method: "PUT",
    body: { days },
  })

// --- Dissemination ----------------------------------------------------------------------------

/** The dissemination activities of a project. */
export const disseminationQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["dissemination", projectId],
    queryFn: () =>
      api<Page<DisseminationJson>>(`/v1/dissemination-activities${search({ projectId, limit: 500 })}`),
  })

/** Records a dissemination activity. */
export const createDissemination = (body: typeof NewDisseminationActivity.Encoded) =>
  api<DisseminationJson>("/v1/dissemination-activities", { method: "POST", body })

// --- Reach ------------------------------------------------------------------------------------

/** A project's reach as of a date (today when absent). */
export const reachQuery = (projectId: string, asOf?: string) =>
  queryOptions({
    queryKey: ["reach", projectId, "report", asOf ?? "today"],
    queryFn: () => api<ReachJson>(`/v1/projects/${enc(projectId)}/reach${search({ asOf })}`),
  })

/** A project's reach month by month up to a date. */
export const reachSeriesQuery = (projectId: string, asOf?: string) =>
  queryOptions({
    queryKey: ["reach", projectId, "series", asOf ?? "today"],
    queryFn: () =>
      api<ReachSeriesJson>(
        `/v1/projects/${enc(projectId)}/reach/series${search({ to: asOf, step: "month" })}`,
      ),
  })

/** The people behind a reach figure. */
export const reachPeopleQuery = (
  projectId: string,
  indicator: DrillIndicator,
  bucket?: string,
  asOf?: string,
) =>
  queryOptions({
    queryKey: ["reach", projectId, "people", indicator, bucket ?? "", asOf ?? "today"],
    queryFn: () =>
      api<ReachPeopleJson>(
        `/v1/projects/${enc(projectId)}/reach/people${search({ asOf, indicator, bucket, limit: 500 })}`,
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
 * progress; `onProgress` gets the share sent, 0 to 1. Rejects with an `ApiProblem`.
 */
export const uploadSheet = (
  eventId: string,
  file: File,
  options: { readonly dryRun: boolean; readonly onProgress?: (share: number) => void },
): Promise<SheetResultJson> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open("POST", `/v1/events/${enc(eventId)}/sign-in-sheet${options.dryRun ? "?dryRun=true" : ""}`)
    xhr.setRequestHeader("Accept", "application/json")
    xhr.setRequestHeader("Content-Type", sheetContentType(file))
    const token = getToken()
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`)
    const csrf = getCsrfToken()
    if (!token && csrf) xhr.setRequestHeader("X-CSRF-Token", csrf)
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
        resolve(json as SheetResultJson)
      } else {
        reject(
          new ApiProblem((json as ProblemBody | undefined) ?? { status: xhr.status, title: xhr.statusText }),
        )
      }
    }
    xhr.onerror = () => reject(new ApiProblem({ status: 0, title: "Network error" }))
    xhr.send(file)
  })
