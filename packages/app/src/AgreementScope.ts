/**
 * The record-level scope of the agreements family, read from the store and decided by the
 * domain's Access rules: a record outside the caller's scope reads exactly as a missing one,
 * so that no write or read becomes an oracle for another municipality's records.
 * @module
 */
import {
  type Agreement,
  AgreementNotFound,
  type BeneficiaryCase,
  BeneficiaryNotFound,
  canSeeAgreement,
  canSeeBeneficiary,
  canSeeOffer,
  canSeeTask,
  type CoordinationTask,
  type MunicipalOffer,
  OfferNotFound,
  type Principal,
  TaskNotFound,
} from "@coordina/domain"
import {
  AgreementsRepository,
  BeneficiariesRepository,
  CoordinationTasksRepository,
  MunicipalOffersRepository,
} from "@coordina/store"
import { Effect } from "effect"

/** An agreement the caller may learn of; another municipality's is `AgreementNotFound`. */
export const visibleAgreement = (principal: Principal, id: string) =>
  Effect.gen(function* () {
    const a: Agreement = yield* (yield* AgreementsRepository).get(id)
    if (!canSeeAgreement(principal, a)) return yield* new AgreementNotFound({ agreementId: id })
    return a
  })

/**
 * A beneficiary the caller may learn of, judged by the municipalities of their agreements;
 * one outside the caller's scope is `BeneficiaryNotFound`, like a missing one.
 */
export const visibleBeneficiary = (principal: Principal, id: string) =>
  Effect.gen(function* () {
    const found: BeneficiaryCase = yield* (yield* BeneficiariesRepository).get(id)
    const municipalities = yield* (yield* AgreementsRepository).municipalitiesOfBeneficiary(id)
    if (!canSeeBeneficiary(principal, municipalities))
      return yield* new BeneficiaryNotFound({ beneficiaryId: id })
    return found
  })

/**
 * A municipal offer the caller may learn of (on PostgreSQL locked to the end of the
 * transaction); another municipality's is `OfferNotFound`.
 */
export const visibleOffer = (principal: Principal, id: string) =>
  Effect.gen(function* () {
    const offer: MunicipalOffer = yield* (yield* MunicipalOffersRepository).get(id)
    if (!canSeeOffer(principal, offer)) return yield* new OfferNotFound({ offerId: id })
    return offer
  })

/** What scopes a task: the institution it is addressed to and its agreement's municipality. */
export interface TaskScope {
  readonly institutionId: string
  readonly municipalityId?: string | undefined
}

/** A task the caller may learn of, with its scope; one outside it is `TaskNotFound`. */
export const visibleTask = (principal: Principal, id: string) =>
  Effect.gen(function* () {
    const tasks = yield* CoordinationTasksRepository
    const task: CoordinationTask = yield* tasks.get(id)
    const municipalityId = yield* tasks.municipalityOf(id)
    const scope: TaskScope = { institutionId: task.institutionId, municipalityId }
    if (!canSeeTask(principal, scope)) return yield* new TaskNotFound({ taskId: id })
    return { task, scope }
  })
