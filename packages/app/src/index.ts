/**
 * `@coordina/app`: Coordina's use cases as Effect services. Each owns its transaction, its
 * audit entry, its scope check, its clock and its ids; the API's handlers and the worker's jobs
 * call them and nothing else.
 * @module
 */
export { Activities } from "./Activities.js"
export * as App from "./AppLayer.js"
export type { AppServices, AppSettings, UseCases } from "./AppLayer.js"
export { type AgreementQuery, Agreements, type Decide, viewFor } from "./Agreements.js"
export { Beneficiaries } from "./Beneficiaries.js"
export { Calendar, currentCalendar } from "./Calendar.js"
export { Dissemination, type DisseminationQuery } from "./Dissemination.js"
export { type EventQuery, Events } from "./Events.js"
export { Evidence, type EvidenceUpload } from "./Evidence.js"
export { Evaluations, projectUsefulShare } from "./Evaluations.js"
export { type CertificateFile, Certificates, type PrintOptions } from "./Certificates.js"
export { type InstitutionQuery, Institutions } from "./Institutions.js"
export { People, type PeopleQuery, type PersonRow, personView } from "./People.js"
export { type Actor, type DataSubject, Privacy } from "./Privacy.js"
export { Projects } from "./Projects.js"
export { type DrillDown, Reach, type ReachPersonRow, type SeriesRange } from "./Reach.js"
export { Retention, type RetentionRun } from "./Retention.js"
export { SheetImport, type SheetTable, type SheetUpload } from "./SheetImport.js"
export { databaseAnswers } from "./Health.js"
export { Ids, nextId } from "./Ids.js"
export { makePacer, pause } from "./Pause.js"
export { type OnStep, ReportContents } from "./ReportContents.js"
export { type JobOptions, ReportJobs } from "./ReportJobs.js"
export { Reports, toReportView } from "./Reports.js"
export { type DatedWrite, PeriodLocks, periodGuard } from "./PeriodLocks.js"
export { MunicipalOffers, type OfferQuery } from "./MunicipalOffers.js"
export { type DueEmail, Notifications, notificationsActor } from "./Notifications.js"
export {
  dailyDigestEmail,
  type DigestFacts,
  digestIsEmpty,
  escapeHtml,
  eventCalendar as invitationCalendar,
  type EventFacts,
  eventReminderEmail,
  formatDate,
  registrationConfirmationEmail,
  type TargetFacts,
  type TaskFacts,
  taskAssignedEmail,
  taskOverdueEmail,
  taskReminderEmail,
} from "./EmailTemplates.js"
export { Plans } from "./Plans.js"
export { Practices } from "./Practices.js"
export { Recommendations } from "./Recommendations.js"
export { type ManualFile, type ManualFileFormat, Manuals } from "./Manuals.js"
export { OrdinanceReview, type ReviewQuery } from "./Review.js"
export { type Answer, type TaskQuery, Tasks } from "./Tasks.js"
export { EmailMessage, type EmailOutcome, EmailSender, EmailSendFailed } from "./EmailSender.js"
export {
  emailSenderLayer,
  type SmtpSettings,
  smtpEmailSender,
  smtpUrlProblem,
  toMailOptions,
} from "./SmtpEmailSender.js"
export { nowIso, Today, today } from "./Today.js"
export { createAudited, transaction } from "./Transaction.js"
export { ApiKeys } from "./ApiKeys.js"
export { Audit } from "./Audit.js"
export { defaultHitsPerKind, Search } from "./Search.js"
export { Authentication, type BearerIdentity, type Identity } from "./Authentication.js"
export { checkPasswordStrength, hashPassword, minimumScore, verifyPassword } from "./Passwords.js"
export { Sessions, type SignedIn } from "./Sessions.js"
export { apiKeyPrefix, csrfTokenFor, hashToken, newApiKey, newSessionToken, sessionPrefix } from "./Tokens.js"
export { Users } from "./Users.js"
export { newWebhookSecret, webhookSignature } from "./WebhookSignature.js"
export { type EventData, Outbox } from "./Outbox.js"
export { Webhooks, WebhookSettings } from "./Webhooks.js"
export { eventCalendar } from "./EventCalendar.js"
export {
  type Confirmation,
  cancelPagePath,
  cancelPath,
  publicActor,
  type Registered,
  Registrations,
} from "./Registrations.js"
