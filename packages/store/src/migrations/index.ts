/**
 * The schema, as one ordered list of migrations shared by SQLite and PostgreSQL. Each
 * feature adds its own file; a migration never changes once it has shipped.
 * @module
 */
import * as Migrator from "@effect/sql/Migrator"
import projects from "./0001_projects.js"
import reach from "./0100_reach.js"
import agreements from "./0200_agreements.js"
import access from "./0300_access.js"
import erasure from "./0301_erasure.js"
import throttles from "./0400_throttles.js"
import nameKeys from "./0410_name_keys.js"
import calendarDecisions from "./0411_calendar_decisions.js"
import activities from "./0500_activities.js"
import files from "./0501_files.js"
import reports from "./0502_reports.js"
import reachDataVersions from "./0600_reach_data_versions.js"
import periodLocks from "./0700_period_locks.js"
import agreementsInScope from "./0701_agreements_in_scope.js"
import evidence from "./0710_evidence.js"
import cancellations from "./0760_cancellations.js"
import searchKeys from "./0761_search_keys.js"
import webhookEndpoints from "./0800_webhook_endpoints.js"
import certificates from "./0850_certificates.js"
import duplicateDismissals from "./0860_duplicate_dismissals.js"
import outbox from "./0900_outbox.js"
import institutionContacts from "./0910_institution_contacts.js"
import notificationPreferences from "./0911_notification_preferences.js"
import registrations from "./0920_registrations.js"
import evaluations from "./0950_evaluations.js"
import practices from "./0930_practices.js"
import recommendations from "./0931_recommendations.js"
import manuals from "./0932_manuals.js"
import taskOverdueNotices from "./0980_task_overdue_notices.js"

const migrations = {
  "1_projects": projects,
  "100_reach": reach,
  "200_agreements": agreements,
  "300_access": access,
  "301_erasure": erasure,
  "400_throttles": throttles,
  "410_name_keys": nameKeys,
  "411_calendar_decisions": calendarDecisions,
  "500_activities": activities,
  "501_files": files,
  "502_reports": reports,
  "600_reach_data_versions": reachDataVersions,
  "700_period_locks": periodLocks,
  "701_agreements_in_scope": agreementsInScope,
  "710_evidence": evidence,
  "760_cancellations": cancellations,
  "761_search_keys": searchKeys,
  "800_webhook_endpoints": webhookEndpoints,
  "850_certificates": certificates,
  "860_duplicate_dismissals": duplicateDismissals,
  "900_outbox": outbox,
  "910_institution_contacts": institutionContacts,
  "911_notification_preferences": notificationPreferences,
  "920_registrations": registrations,
  "950_evaluations": evaluations,
  "930_practices": practices,
  "931_recommendations": recommendations,
  "932_manuals": manuals,
  "980_task_overdue_notices": taskOverdueNotices,
}

/** Brings the database up to the latest schema; safe to run at every start. */
export const migrate = Migrator.make({})({ loader: Migrator.fromRecord(migrations) })
