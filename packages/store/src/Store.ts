/**
 * Every repository over one database: what the API and the worker provide to their runtime.
 * @module
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import { Layer } from "effect"
import * as Database from "./Database.js"
import { ApiKeysRepository } from "./ApiKeysRepository.js"
import { DuplicateDismissalsRepository } from "./DuplicateDismissalsRepository.js"
import { WebhookEndpointsRepository } from "./WebhookEndpointsRepository.js"
import { OutboxRepository } from "./OutboxRepository.js"
import { NotificationPreferencesRepository } from "./NotificationPreferencesRepository.js"
import { AuditLog } from "./AuditLog.js"
import { IdempotencyKeys } from "./IdempotencyKeys.js"
import { LoginAttempts } from "./LoginAttempts.js"
import { PersonalData } from "./PersonalData.js"
import { RetentionRuns } from "./RetentionRuns.js"
import { SessionsRepository } from "./SessionsRepository.js"
import { UsersRepository } from "./UsersRepository.js"
import { HealthChecks } from "./HealthChecks.js"
import { JobRuns } from "./JobRuns.js"
import { ProjectsRepository } from "./ProjectsRepository.js"
import { CalendarRepository } from "./CalendarRepository.js"
import { AgreementsRepository } from "./AgreementsRepository.js"
import { BeneficiariesRepository } from "./BeneficiariesRepository.js"
import { CoordinationTasksRepository } from "./CoordinationTasksRepository.js"
import { IntegrationPlansRepository } from "./IntegrationPlansRepository.js"
import { MunicipalOffersRepository } from "./MunicipalOffersRepository.js"
import { ReviewRepository } from "./ReviewRepository.js"
import { DisseminationRepository } from "./DisseminationRepository.js"
import { EventsRepository } from "./EventsRepository.js"
import { InstitutionsRepository } from "./InstitutionsRepository.js"
import { ParticipationsRepository } from "./ParticipationsRepository.js"
import { PeopleRepository } from "./PeopleRepository.js"
import { ReachRepository } from "./ReachRepository.js"
import { SignInSheetsRepository } from "./SignInSheetsRepository.js"
import { ActivitiesRepository } from "./ActivitiesRepository.js"
import { type FileStorage, fileStorageFor } from "./FileStorage.js"
import { ReportRecordsRepository } from "./ReportRecordsRepository.js"
import { ReportsRepository } from "./ReportsRepository.js"
import { PeriodLocksRepository } from "./PeriodLocksRepository.js"
import { EvidenceRepository } from "./EvidenceRepository.js"
import { SearchRepository } from "./SearchRepository.js"
import { CertificatesRepository } from "./CertificatesRepository.js"
import { RegistrationsRepository } from "./RegistrationsRepository.js"
import { EvaluationsRepository } from "./EvaluationsRepository.js"
import { PracticesRepository } from "./PracticesRepository.js"
import { RecommendationsRepository } from "./RecommendationsRepository.js"
import { ManualsRepository } from "./ManualsRepository.js"

/** Every repository, each needing only a `SqlClient`. */
export const repositories = Layer.mergeAll(
  ApiKeysRepository.layer,
  SearchRepository.layer,
  CertificatesRepository.layer,
  EvaluationsRepository.layer,
  IdempotencyKeys.layer,
  LoginAttempts.layer,
  PersonalData.layer.pipe(Layer.provide(AuditLog.layer)),
  RetentionRuns.layer,
  SessionsRepository.layer,
  SignInSheetsRepository.layer,
  UsersRepository.layer,
  InstitutionsRepository.layer,
  PeopleRepository.layer,
  EventsRepository.layer,
  ParticipationsRepository.layer,
  DisseminationRepository.layer,
  ReachRepository.layer,
  AgreementsRepository.layer,
  BeneficiariesRepository.layer,
  CoordinationTasksRepository.layer,
  IntegrationPlansRepository.layer,
  MunicipalOffersRepository.layer,
  ReviewRepository.layer,
  AuditLog.layer,
  HealthChecks.layer,
  JobRuns.layer,
  ProjectsRepository.layer,
  ActivitiesRepository.layer,
  ReportRecordsRepository.layer,
  ReportsRepository.layer,
  PeriodLocksRepository.layer,
  CalendarRepository.layer,
  EvidenceRepository.layer,
  WebhookEndpointsRepository.layer,
  OutboxRepository.layer,
  NotificationPreferencesRepository.layer,
  RegistrationsRepository.layer,
  PracticesRepository.layer,
  RecommendationsRepository.layer,
  ManualsRepository.layer,
  DuplicateDismissalsRepository.layer,
)

/** The services the store provides. */
export type StoreServices = Layer.Layer.Success<typeof repositories> | SqlClient.SqlClient | FileStorage

/** Every repository over the database a URL names, migrated first. */
export const layer = (databaseUrl: string): Layer.Layer<StoreServices> =>
  Layer.merge(repositories, fileStorageFor(databaseUrl)).pipe(Layer.provideMerge(Database.layer(databaseUrl)))
