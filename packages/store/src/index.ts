/**
 * `@coordina/store`: Coordina's SQL, on SQLite (embedded default) or PostgreSQL.
 * @module
 */
export { ActivitiesRepository } from "./ActivitiesRepository.js"
export { EvidenceRepository } from "./EvidenceRepository.js"
export {
  chunkSize,
  diskStorage,
  type FileBytes,
  FileCorrupted,
  FileStorage,
  type FileStorageService,
  FileTooLarge,
  fileStorageFor,
  postgresStorage,
  type StoredFile,
} from "./FileStorage.js"
export { ApiKeysRepository } from "./ApiKeysRepository.js"
export { type AuditAction, type AuditEntry, AuditLog } from "./AuditLog.js"
export { type AgreementFilter, AgreementsRepository, type ListedAgreement } from "./AgreementsRepository.js"
export { BeneficiariesRepository } from "./BeneficiariesRepository.js"
export { CalendarRepository } from "./CalendarRepository.js"
export { CoordinationTasksRepository, type TaskFilter } from "./CoordinationTasksRepository.js"
export { IntegrationPlansRepository, type NewMeasureIds } from "./IntegrationPlansRepository.js"
export { MunicipalOffersRepository, type OfferFilter } from "./MunicipalOffersRepository.js"
export { ReviewRepository } from "./ReviewRepository.js"
export * as Database from "./Database.js"
export { DuplicateDismissalsRepository } from "./DuplicateDismissalsRepository.js"
export { DisseminationRepository } from "./DisseminationRepository.js"
export { EventsRepository } from "./EventsRepository.js"
export { InstitutionsRepository } from "./InstitutionsRepository.js"
export { ParticipationsRepository } from "./ParticipationsRepository.js"
export { type DuplicateGroupWithPeople, PeopleRepository, type PersonBlanks } from "./PeopleRepository.js"
export { ReachRepository, reachBatchSize } from "./ReachRepository.js"
export { ReportRecordsRepository } from "./ReportRecordsRepository.js"
export { type BeneficiarySearch, type FoundBeneficiary, SearchRepository } from "./SearchRepository.js"
export {
  type NewRevision,
  type PeriodLockRow,
  PeriodLocksRepository,
  toLockView,
} from "./PeriodLocksRepository.js"
export {
  type Completion,
  isUniqueViolation,
  type NewReportRow,
  type ReportFileRef,
  type ReportRow,
  ReportsRepository,
  type ScheduleRow,
} from "./ReportsRepository.js"
export { HealthChecks } from "./HealthChecks.js"
export { type Claim, IdempotencyKeys, type IdempotentRequest } from "./IdempotencyKeys.js"
export { newId } from "./Ids.js"
export { JobRuns, type RunOutcome } from "./JobRuns.js"
export { LoginAttempts, type TokenCheck } from "./LoginAttempts.js"
export { migrate } from "./migrations/index.js"
export { type Erased, erasureKey, PersonalData } from "./PersonalData.js"
export { ProjectsRepository } from "./ProjectsRepository.js"
export { RetentionRuns } from "./RetentionRuns.js"
export type { Page, PageRequest } from "./Rows.js"
export { type ResolvedSession, SessionsRepository } from "./SessionsRepository.js"
export { type SheetEventRecord, SignInSheetsRepository } from "./SignInSheetsRepository.js"
export * as Store from "./Store.js"
export type { StoreServices } from "./Store.js"
export { type NewUserRecord, UsersRepository } from "./UsersRepository.js"
export { CertificatesRepository } from "./CertificatesRepository.js"
export {
  type EvaluationLink,
  EvaluationsRepository,
  type NewAnswers,
  type StoredAnswers,
} from "./EvaluationsRepository.js"
export { WebhookEndpointsRepository } from "./WebhookEndpointsRepository.js"
export {
  type ClaimedMessage,
  type NewOutboxMessage,
  OutboxRepository,
  type TryOutcome,
} from "./OutboxRepository.js"
export { NotificationPreferencesRepository } from "./NotificationPreferencesRepository.js"
export {
  type NewRegistrationRecord,
  RegistrationsRepository,
  type SeatChange,
} from "./RegistrationsRepository.js"
export { type PracticeSearch, PracticesRepository } from "./PracticesRepository.js"
export { type RecommendationSearch, RecommendationsRepository } from "./RecommendationsRepository.js"
export { ManualsRepository } from "./ManualsRepository.js"
