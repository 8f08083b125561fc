/**
 * Queries and commands for integration agreements, beneficiaries, municipal offers,
 * coordination tasks and the review. Every answer is decoded with the domain's schema, so the
 * SPA and the API cannot disagree on a field; each resource has one key factory.
 */
import {
  type AgreementAction,
  AgreementHistory,
  AgreementPage,
  AgreementView,
  BeneficiaryView,
  IntegrationPlanView,
  MunicipalOfferPage,
  MunicipalOfferView,
  type NewBeneficiary,
  type NewMeasure,
  type NewMunicipalOffer,
  ProcedureList,
  Review,
  type ReviewGroupBy,
  type TaskAction,
  TaskPage,
  TaskView,
} from "@coordina/domain"
import { type QueryClient, queryOptions } from "@tanstack/react-query"
import { allPages, api, queryString, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of the rule sets. */
export const procedureKeys = resourceKeys("procedures")
/** The query keys of agreements (and, under one agreement, its history and plan). */
export const agreementKeys = resourceKeys("agreements")
/** The query keys of beneficiaries. */
export const beneficiaryKeys = resourceKeys("beneficiaries")
/** The query keys of municipal offers. */
export const offerKeys = resourceKeys("municipal-offers")
/** The query keys of coordination tasks. */
export const taskKeys = resourceKeys("tasks")
/** The query keys of the review. */
export const reviewKeys = resourceKeys("review")

/**
 * After a change to an agreement (an action, a plan, a task answer): everything computed from
 * agreements may have moved (offers' places, tasks, the review).
 */
export const afterAgreementChange = (queryClient: QueryClient) =>
  Promise.all([
    agreementKeys.invalidate(queryClient),
    offerKeys.invalidate(queryClient),
    taskKeys.invalidate(queryClient),
    reviewKeys.invalidate(queryClient),
  ])

/** Filters of the case list. */
export interface AgreementFilters {
  readonly municipalityId?: string | undefined
  readonly state?: string | undefined
  readonly procedureId?: string | undefined
  readonly beneficiaryId?: string | undefined
  /** The beneficiary's pseudonym, or their name where the caller may read names. */
  readonly q?: string | undefined
}

/** The rule sets (versions of the ordinance). */
export const proceduresQuery = () =>
  queryOptions({
    queryKey: procedureKeys.list(),
    queryFn: async () => (await api("/v1/procedures", { schema: ProcedureList })).items,
    staleTime: 60 * 60_000,
  })

/** A page of agreements matching the filters. */
export const agreementsQuery = (filters: AgreementFilters, cursor?: string) =>
  queryOptions({
    queryKey: agreementKeys.list({ ...filters, cursor: cursor ?? null }),
    queryFn: () =>
      api(`/v1/agreements${queryString({ ...filters, limit: 100, cursor })}`, { schema: AgreementPage }),
  })

/** One agreement, as it stands today, with the actions the caller may take today. */
export const agreementQuery = (id: string) =>
  queryOptions({
    queryKey: agreementKeys.one(id),
    queryFn: () => api(`/v1/agreements/${seg(id)}`, { schema: AgreementView }),
  })

/** An agreement's history, oldest first. */
export const agreementEventsQuery = (id: string) =>
  queryOptions({
    queryKey: agreementKeys.one(id, "events"),
    queryFn: () => api(`/v1/agreements/${seg(id)}/events`, { schema: AgreementHistory }),
  })

/** An agreement's integration plan with its coordination tasks. */
export const planQuery = (id: string) =>
  queryOptions({
    queryKey: agreementKeys.one(id, "plan"),
    queryFn: () => api(`/v1/agreements/${seg(id)}/plan`, { schema: IntegrationPlanView }),
  })

/** A beneficiary's case record, with the personal data when the caller may see it. */
export const beneficiaryQuery = (id: string) =>
  queryOptions({
    queryKey: beneficiaryKeys.one(id),
    queryFn: () => api(`/v1/beneficiaries/${seg(id)}`, { schema: BeneficiaryView }),
  })

/** Municipal offers. */
export const offersQuery = () =>
  queryOptions({
    queryKey: offerKeys.list(),
    queryFn: () => allPages("/v1/municipal-offers", MunicipalOfferPage),
  })

/** Coordination tasks addressed to an institution, or the overdue ones on a day. */
export const tasksQuery = (filters: {
  readonly institutionId?: string | undefined
  readonly overdue?: boolean
  readonly asOf?: string
}) =>
  queryOptions({
    queryKey: taskKeys.list(filters),
    queryFn: () => allPages(`/v1/tasks${queryString(filters)}`, TaskPage),
  })

/** The review of implementation on a day. */
export const reviewQuery = (groupBy: ReviewGroupBy, asOf: string) =>
  queryOptions({
    queryKey: reviewKeys.list({ groupBy, asOf }),
    queryFn: () => api(`/v1/review${queryString({ groupBy, asOf })}`, { schema: Review }),
  })

/** Registers a beneficiary. */
export const createBeneficiary = (body: typeof NewBeneficiary.Encoded) =>
  api("/v1/beneficiaries", { method: "POST", body, schema: BeneficiaryView })

/** Records an intent, which opens an agreement. */
export const declareIntent = (body: { beneficiaryId: string; intentDate: string }) =>
  api("/v1/agreements", { method: "POST", body, schema: AgreementView })

/** Records a municipal offer. */
export const createOffer = (body: typeof NewMunicipalOffer.Encoded) =>
  api("/v1/municipal-offers", { method: "POST", body, schema: MunicipalOfferView })

/** Runs one action on an agreement, guarded by the version the page shows. */
export const runAction = (
  agreement: { readonly id: string; readonly version: number },
  action: AgreementAction,
  body: Record<string, string>,
) =>
  api(`/v1/agreements/${seg(agreement.id)}/${action}`, {
    method: "POST",
    body,
    headers: { "If-Match": String(agreement.version) },
    schema: AgreementView,
  })

/** Sets an agreement's integration plan, guarded by the plan's version; each new measure opens a task. */
export const setPlan = (
  plan: { readonly agreementId: string; readonly version: number },
  measures: ReadonlyArray<typeof NewMeasure.Encoded>,
) =>
  api(`/v1/agreements/${seg(plan.agreementId)}/plan`, {
    method: "PUT",
    body: { measures },
    headers: { "If-Match": String(plan.version) },
    schema: IntegrationPlanView,
  })

/** Accepts, rejects or completes a task. */
export const taskAction = (
  task: { readonly id: string; readonly version: number },
  action: TaskAction,
  body: { reason?: string; outcome?: string } = {},
) =>
  api(`/v1/tasks/${seg(task.id)}/${action}`, {
    method: "POST",
    body,
    headers: { "If-Match": String(task.version) },
    schema: TaskView,
  })
