/**
 * Queries and commands for integration agreements, beneficiaries, municipal offers,
 * coordination tasks and the review. The types are the encoded side of the domain's schemas,
 * so the SPA and the API cannot disagree on a field.
 */
import type {
  AgreementAction,
  AgreementEvent,
  AgreementView,
  BeneficiaryView,
  Institution,
  Measure,
  MunicipalOfferView,
  NewBeneficiary,
  NewMeasure,
  NewMunicipalOffer,
  ProcedureRuleSet,
  Review,
  ReviewGroupBy,
  TaskView,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, type Page } from "./client.js"

/** An agreement as the API sends it on a day, with the actions allowed then. */
export type AgreementJson = typeof AgreementView.Encoded
/** One event of an agreement's history. */
export type AgreementEventJson = typeof AgreementEvent.Encoded
/** A rule set (version of the ordinance). */
export type ProcedureJson = typeof ProcedureRuleSet.Encoded
/** A beneficiary; `personal` only when the caller's role may see it. */
export type BeneficiaryJson = typeof BeneficiaryView.Encoded
/** A municipal offer with the places left. */
export type OfferJson = typeof MunicipalOfferView.Encoded
/** A plan measure. */
export type MeasureJson = typeof Measure.Encoded
/** A coordination task on a day. */
export type TaskJson = typeof TaskView.Encoded
/** An institution. */
export type InstitutionJson = typeof Institution.Encoded
/** The review. */
export type ReviewJson = typeof Review.Encoded
/** What the review groups by. */
export type GroupBy = ReviewGroupBy

/** Filters of the case list. */
export interface AgreementFilters {
  readonly municipalityId?: string | undefined
  readonly state?: string | undefined
  readonly procedureId?: string | undefined
}

const enc = encodeURIComponent

/** A query string from the defined values, with a leading `?` when not empty. */
export const queryString = (params: Record<string, string | number | boolean | undefined>): string => {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") search.set(k, String(v))
  const s = search.toString()
  return s ? `?${s}` : ""
}

/** Lists may come as a bare array or as a page; the SPA reads both the same way. */
const itemsOf = <A>(body: ReadonlyArray<A> | { readonly items: ReadonlyArray<A> }): ReadonlyArray<A> =>
  Array.isArray(body) ? body : (body as { readonly items: ReadonlyArray<A> }).items

/** Reads every page of a list (the lists here are small: one municipality's offers, one plan). */
const allPages = async <A>(path: string): Promise<ReadonlyArray<A>> => {
  const out: Array<A> = []
  let cursor: string | null = null
  const join = path.includes("?") ? "&" : "?"
  for (let i = 0; i < 20; i++) {
    const page: Page<A> | ReadonlyArray<A> = await api(
      `${path}${join}limit=500${cursor ? `&cursor=${enc(cursor)}` : ""}`,
    )
    if (Array.isArray(page)) return page
    const p = page as Page<A>
    out.push(...p.items)
    if (!p.nextCursor) break
    cursor = p.nextCursor
  }
  return out
}

/** Today as `YYYY-MM-DD` in the browser's time zone. */
export const todayIso = (): string => {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The rule sets (versions of the ordinance). */
export const proceduresQuery = () =>
  queryOptions({
    queryKey: ["procedures"],
    queryFn: async () =>
      itemsOf(await api<ReadonlyArray<ProcedureJson> | Page<ProcedureJson>>("/v1/procedures")),
    staleTime: 60 * 60_000,
  })

/** Institutions by id, for names (municipalities, responsible institutions). */
export const institutionsQuery = () =>
  queryOptions({
    queryKey: ["agreements", "institutions"],
    queryFn: () => allPages<InstitutionJson>("/v1/institutions"),
    staleTime: 5 * 60_000,
  })

/** A page of agreements matching the filters. */
export const agreementsQuery = (filters: AgreementFilters, cursor?: string) =>
  queryOptions({
    queryKey: ["agreements", "list", filters, cursor ?? null],
    queryFn: () =>
      api<Page<AgreementJson>>(`/v1/agreements${queryString({ ...filters, limit: 100, cursor })}`),
  })

/** One agreement, as it stands today. */
export const agreementQuery = (id: string) =>
  queryOptions({
    queryKey: ["agreements", "one", id],
    queryFn: () => api<AgreementJson>(`/v1/agreements/${enc(id)}`),
  })

/** An agreement's history, oldest first. */
export const agreementEventsQuery = (id: string) =>
  queryOptions({
    queryKey: ["agreements", "one", id, "events"],
    queryFn: async () =>
      itemsOf(
        await api<ReadonlyArray<AgreementEventJson> | Page<AgreementEventJson>>(
          `/v1/agreements/${enc(id)}/events`,
        ),
      ),
  })

/** An agreement's integration plan: its measures, the tasks they opened, and the plan's version. */
export interface PlanJson {
  readonly agreementId: string
  readonly version: number
  readonly measures: ReadonlyArray<MeasureJson>
  readonly tasks: ReadonlyArray<TaskJson>
}

/** An agreement's integration plan with its coordination tasks. */
export const planQuery = (id: string) =>
  queryOptions({
    queryKey: ["agreements", "one", id, "plan"],
    queryFn: () => api<PlanJson>(`/v1/agreements/${enc(id)}/plan`),
  })

/** A beneficiary's case record, with the personal data when the caller may see it. */
export const beneficiaryQuery = (id: string) =>
  queryOptions({
    queryKey: ["beneficiaries", id],
    queryFn: () => api<BeneficiaryJson>(`/v1/beneficiaries/${enc(id)}`),
  })

/** Municipal offers. */
export const offersQuery = () =>
  queryOptions({
    queryKey: ["municipal-offers"],
    queryFn: () => allPages<OfferJson>("/v1/municipal-offers"),
  })

/** Coordination tasks addressed to an institution, or the overdue ones. */
export const tasksQuery = (filters: {
  institutionId?: string | undefined
  overdue?: boolean
  asOf?: string
}) =>
  queryOptions({
    queryKey: ["tasks", filters],
    queryFn: () => allPages<TaskJson>(`/v1/tasks${queryString(filters)}`),
  })

/** The review of implementation. */
export const reviewQuery = (groupBy: GroupBy, asOf?: string) =>
  queryOptions({
    queryKey: ["review", groupBy, asOf ?? null],
    queryFn: () => api<ReviewJson>(`/v1/review${queryString({ groupBy, asOf })}`),
  })

/** Registers a beneficiary. */
export const createBeneficiary = (body: typeof NewBeneficiary.Encoded) =>
  api<BeneficiaryJson>("/v1/beneficiaries", { method: "POST", body })

/** Records an intent, which opens an agreement. */
export const declareIntent = (body: { beneficiaryId: string; intentDate: string }) =>
  api<AgreementJson>("/v1/agreements", { method: "POST", body })

/** Records a municipal offer. */
export const createOffer = (body: typeof NewMunicipalOffer.Encoded) =>
  api<OfferJson>("/v1/municipal-offers", { method: "POST", body })

/** Runs one action on an agreement, guarded by the version the page shows. */
export const runAction = (agreement: AgreementJson, action: AgreementAction, body: Record<string, string>) =>
  api<AgreementJson>(`/v1/agreements/${enc(agreement.id)}/${action}`, {
    method: "POST",
    body,
    headers: { "If-Match": String(agreement.version) },
  })

/** Sets an agreement's integration plan, guarded by the plan's version; each new measure opens a task. */
export const setPlan = (plan: PlanJson, measures: ReadonlyArray<typeof NewMeasure.Encoded>) =>
  api<PlanJson>(`/v1/agreements/${enc(plan.agreementId)}/plan`, {
    method: "PUT",
    body: { measures },
    headers: { "If-Match": String(plan.version) },
  })

/** Accepts, rejects or completes a task. */
export const taskAction = (
  task: TaskJson,
  action: "accept" | "reject" | "complete",
  body: { reason?: string; outcome?: string } = {},
) =>
  api<TaskJson>(`/v1/tasks/${enc(task.id)}/${action}`, {
    method: "POST",
    body,
    headers: { "If-Match": String(task.version) },
  })
