/**
 * Every expected failure the API can meet, and its HTTP status: the one place that maps
 * error tags to statuses. The map is exhaustive over {@link ApiError}: a new error that is
 * not listed here does not compile.
 * @module
 */
import type {
  EventNotFound,
  ProjectCodeTaken,
  ProjectExtensionsExceeded,
  ProjectNotFound,
  SheetTooLarge,
  SignInSheetRejected,
} from "@coordina/domain"
import type { ReportNotFound, ReportNotReady, ReportRequestInvalid } from "@coordina/domain"
import type {
  LockNotFound,
  LockNotInForce,
  PeriodLocked,
  ReportAlreadySubmitted,
  ReportFileAltered,
  ReportOutdated,
} from "@coordina/domain"
import type {
  CalendarDateTaken,
  CalendarDecisionNotFound,
  CalendarDecisionVersionStale,
} from "@coordina/domain"
import type {
  AlreadyErased,
  ApiKeyExpiryPast,
  ApiKeyNotFound,
  WebhookEndpointNotFound,
  WebhookUrlRefused,
  OutboxMessageNotFound,
  CertificateNotFound,
  NoCertificatesIssued,
  PracticeNotFound,
  PracticeRejected,
  PracticeVersionStale,
  RecommendationRejected,
  ManualNotFound,
  ManualRejected,
  ManualVersionNotFound,
  ManualVersionStale,
  NotASession,
  PasswordTooWeak,
  SignInRefused,
  SignInThrottled,
  BeneficiaryNotFound,
  ImplausibleDate,
  PersonNotFound,
  UserEmailTaken,
  UserNotFound,
  UserVersionStale,
} from "@coordina/domain"
import type {
  AlreadyRegistered,
  DayOutsideEvent,
  DisseminationActivityNotFound,
  EmailTaken,
  InstitutionNotFound,
  InstitutionVersionStale,
  InvalidRegionCode,
  DuplicateDismissalNotFound,
  MergeRefused,
  ParticipationNotFound,
  ParticipationVersionStale,
} from "@coordina/domain"
import type {
  AgreementNotFound,
  AgreementVersionStale,
  AreaNotInRuleSet,
  DateOutOfOrder,
  ExtensionLimitReached,
  GroundNotInRuleSet,
  IllegalTransition,
  MunicipalityOutOfScope,
  NoCapacityLeft,
  NoProcedureInForce,
  NotAMunicipality,
  OfferNotFound,
  ProcedureNotFound,
  TaskNotFound,
  TaskVersionStale,
} from "@coordina/domain"
import type {
  ActivityCodeTaken,
  ActivityNotFound,
  ActivityVersionStale,
  PlanRuleViolated,
} from "@coordina/domain"
import type {
  EvidenceNotFound,
  EvidenceTooLarge,
  EvidenceTypeNotAllowed,
  EvidenceUploadInvalid,
} from "@coordina/domain"
import type {
  EventFull,
  RegistrationClosed,
  RegistrationInstitutionUnknown,
  RegistrationNotFound,
  RegistrationProofInvalid,
  RegistrationThrottled,
  AlreadyAnswered,
  AnswersInvalid,
  EvaluationClosed,
  EvaluationNotFound,
  QuestionnaireInvalid,
} from "@coordina/domain"
import { type Problem, httpProblem } from "./Problem.js"

/** The union of every tagged error a handler may fail with. */
export type ApiError =
  | ProjectNotFound
  | ProjectCodeTaken
  | ProjectExtensionsExceeded
  | AgreementNotFound
  | AgreementVersionStale
  | AreaNotInRuleSet
  | DateOutOfOrder
  | ExtensionLimitReached
  | GroundNotInRuleSet
  | IllegalTransition
  | MunicipalityOutOfScope
  | NoCapacityLeft
  | NoProcedureInForce
  | NotAMunicipality
  | OfferNotFound
  | ProcedureNotFound
  | TaskNotFound
  | TaskVersionStale
  | InstitutionNotFound
  | InvalidRegionCode
  | InstitutionVersionStale
  | EmailTaken
  | MergeRefused
  | DuplicateDismissalNotFound
  | AlreadyRegistered
  | ParticipationNotFound
  | DayOutsideEvent
  | ParticipationVersionStale
  | DisseminationActivityNotFound
  | UserNotFound
  | UserEmailTaken
  | UserVersionStale
  | ApiKeyNotFound
  | ApiKeyExpiryPast
  | WebhookEndpointNotFound
  | CertificateNotFound
  | NoCertificatesIssued
  | WebhookUrlRefused
  | OutboxMessageNotFound
  | PracticeNotFound
  | PracticeRejected
  | PracticeVersionStale
  | RecommendationRejected
  | ManualNotFound
  | ManualRejected
  | ManualVersionNotFound
  | ManualVersionStale
  | SignInRefused
  | SignInThrottled
  | NotASession
  | PasswordTooWeak
  | AlreadyErased
  | PersonNotFound
  | BeneficiaryNotFound
  | ImplausibleDate
  | EventNotFound
  | SignInSheetRejected
  | SheetTooLarge
  | ActivityNotFound
  | ActivityCodeTaken
  | ActivityVersionStale
  | PlanRuleViolated
  | ReportNotFound
  | ReportNotReady
  | ReportRequestInvalid
  | PeriodLocked
  | LockNotFound
  | LockNotInForce
  | ReportAlreadySubmitted
  | ReportFileAltered
  | ReportOutdated
  | CalendarDecisionNotFound
  | CalendarDecisionVersionStale
  | CalendarDateTaken
  | EvidenceNotFound
  | EvidenceTooLarge
  | EvidenceTypeNotAllowed
  | EvidenceUploadInvalid
  | RegistrationClosed
  | EventFull
  | RegistrationProofInvalid
  | RegistrationThrottled
  | RegistrationNotFound
  | RegistrationInstitutionUnknown
  | EvaluationNotFound
  | EvaluationClosed
  | AlreadyAnswered
  | QuestionnaireInvalid
  | AnswersInvalid

const statusOf: { readonly [K in ApiError["_tag"]]: number } = {
  ProjectNotFound: 404,
  ProjectCodeTaken: 409,
  ProjectExtensionsExceeded: 422,
  AgreementNotFound: 404,
  AgreementVersionStale: 409,
  AreaNotInRuleSet: 422,
  DateOutOfOrder: 422,
  ExtensionLimitReached: 409,
  GroundNotInRuleSet: 422,
  IllegalTransition: 409,
  MunicipalityOutOfScope: 403,
  NoCapacityLeft: 409,
  NoProcedureInForce: 422,
  NotAMunicipality: 422,
  OfferNotFound: 404,
  ProcedureNotFound: 404,
  TaskNotFound: 404,
  TaskVersionStale: 409,
  InstitutionNotFound: 404,
  InvalidRegionCode: 422,
  InstitutionVersionStale: 409,
  EmailTaken: 409,
  MergeRefused: 409,
  DuplicateDismissalNotFound: 404,
  AlreadyRegistered: 409,
  ParticipationNotFound: 404,
  DayOutsideEvent: 422,
  ParticipationVersionStale: 409,
  DisseminationActivityNotFound: 404,
  UserNotFound: 404,
  UserEmailTaken: 409,
  UserVersionStale: 409,
  ApiKeyNotFound: 404,
  ApiKeyExpiryPast: 422,
  WebhookEndpointNotFound: 404,
  CertificateNotFound: 404,
  NoCertificatesIssued: 404,
  WebhookUrlRefused: 422,
  OutboxMessageNotFound: 404,
  PracticeNotFound: 404,
  PracticeRejected: 422,
  PracticeVersionStale: 409,
  RecommendationRejected: 422,
  ManualNotFound: 404,
  ManualRejected: 422,
  ManualVersionNotFound: 404,
  ManualVersionStale: 409,
  SignInRefused: 401,
  SignInThrottled: 429,
  NotASession: 400,
  PasswordTooWeak: 422,
  AlreadyErased: 409,
  PersonNotFound: 404,
  BeneficiaryNotFound: 404,
  ImplausibleDate: 422,
  EventNotFound: 404,
  SignInSheetRejected: 422,
  SheetTooLarge: 413,
  ActivityNotFound: 404,
  ActivityCodeTaken: 409,
  ActivityVersionStale: 409,
  PlanRuleViolated: 422,
  ReportNotFound: 404,
  ReportNotReady: 409,
  ReportRequestInvalid: 422,
  PeriodLocked: 409,
  LockNotFound: 404,
  LockNotInForce: 409,
  ReportAlreadySubmitted: 409,
  ReportOutdated: 409,
  // The stored bytes conflict with the record of what was generated: answered as a problem
  // (the defect is logged), never as altered bytes, and retrying will not help.
  ReportFileAltered: 409,
  CalendarDecisionNotFound: 404,
  CalendarDecisionVersionStale: 409,
  CalendarDateTaken: 409,
  EvidenceNotFound: 404,
  EvidenceTooLarge: 413,
  EvidenceTypeNotAllowed: 415,
  EvidenceUploadInvalid: 400,
  RegistrationClosed: 409,
  EventFull: 409,
  RegistrationProofInvalid: 422,
  RegistrationThrottled: 429,
  RegistrationNotFound: 404,
  RegistrationInstitutionUnknown: 422,
  EvaluationNotFound: 404,
  EvaluationClosed: 409,
  AlreadyAnswered: 409,
  QuestionnaireInvalid: 422,
  AnswersInvalid: 422,
}

/** Every error tag the API can answer with, as the `code` of its problem. */
export const errorTags: ReadonlyArray<ApiError["_tag"]> = Object.keys(statusOf) as Array<ApiError["_tag"]>

const kebab = (tag: string) => tag.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()

const sentence = (tag: string) => {
  const words = tag.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Headers an expected failure asks for: `Retry-After` when it says how long to wait. */
export const errorHeaders = (error: ApiError): Record<string, string> =>
  "retryAfterSeconds" in error && typeof error.retryAfterSeconds === "number"
    ? { "Retry-After": String(error.retryAfterSeconds) }
    : {}

/** The problem document for an expected failure: its fields become extension members. */
export const errorProblem = (error: ApiError): Problem => {
  const { _tag, ...fields } = error as unknown as { _tag: ApiError["_tag"] } & Record<string, unknown>
  const status = statusOf[_tag]
  const message = typeof fields.message === "string" && fields.message ? fields.message : undefined
  delete fields.message
  return {
    ...httpProblem(status, message ?? sentence(_tag)),
    type: `urn:coordina:problem:${kebab(_tag)}`,
    title: sentence(_tag),
    code: _tag,
    ...fields,
  }
}
