/**
 * Everything a Coordina process runs on: the store over one database, the one clock and zone,
 * ids, and the use-case services. The API and the worker each build one `ManagedRuntime` from it.
 * @module
 */
import { Store, type StoreServices } from "@coordina/store"
import { Layer } from "effect"
import { Activities } from "./Activities.js"
import { Agreements } from "./Agreements.js"
import { ApiKeys } from "./ApiKeys.js"
import { Audit } from "./Audit.js"
import { Search } from "./Search.js"
import { Authentication } from "./Authentication.js"
import { Beneficiaries } from "./Beneficiaries.js"
import { Calendar } from "./Calendar.js"
import { Certificates } from "./Certificates.js"
import { Dissemination } from "./Dissemination.js"
import { Evaluations } from "./Evaluations.js"
import { Events } from "./Events.js"
import { Evidence } from "./Evidence.js"
import { Ids } from "./Ids.js"
import { Institutions } from "./Institutions.js"
import { MunicipalOffers } from "./MunicipalOffers.js"
import { Notifications } from "./Notifications.js"
import { People } from "./People.js"
import { Plans } from "./Plans.js"
import { Practices } from "./Practices.js"
import { Recommendations } from "./Recommendations.js"
import { Manuals } from "./Manuals.js"
import { ReportContents } from "./ReportContents.js"
import { ReportJobs } from "./ReportJobs.js"
import { Reports } from "./Reports.js"
import { PeriodLocks } from "./PeriodLocks.js"
import { Privacy } from "./Privacy.js"
import { Projects } from "./Projects.js"
import { Reach } from "./Reach.js"
import { Registrations } from "./Registrations.js"
import { Sessions } from "./Sessions.js"
import { Retention } from "./Retention.js"
import { OrdinanceReview } from "./Review.js"
import { SheetImport } from "./SheetImport.js"
import { Tasks } from "./Tasks.js"
import { Today } from "./Today.js"
import { Users } from "./Users.js"
import { Outbox } from "./Outbox.js"
import { Webhooks, WebhookSettings } from "./Webhooks.js"

/** What the app layer needs to be built. */
export interface AppSettings {
  /** `file:…` for SQLite or `postgres://…`. */
  readonly databaseUrl: string
  /** The IANA zone of "today" (`COORDINA_TIME_ZONE`). */
  readonly timeZone: string
  /** Another clock, e.g. `Today.fixed(instant)` in tests; the real clock in `timeZone` when absent. */
  readonly today?: Layer.Layer<Today>
  /** Whether webhooks may go to private, loopback and link-local addresses (`COORDINA_WEBHOOK_ALLOW_PRIVATE`). */
  readonly webhookAllowPrivate?: boolean | undefined
}

/** The use-case services, each needing the store, the clock and the ids (one line each). */
export const useCases = Layer.mergeAll(
  Agreements.layer,
  Plans.layer,
  Tasks.layer,
  MunicipalOffers.layer,
  Beneficiaries.layer,
  OrdinanceReview.layer,
  Activities.layer,
  ReportContents.layer,
  Reports.layer,
  PeriodLocks.layer,
  ReportJobs.layer,
  Projects.layer,
  Institutions.layer,
  People.layer,
  Events.layer,
  Dissemination.layer,
  Reach.layer,
  SheetImport.layer,
  Privacy.layer,
  Retention.layer,
  Sessions.layer,
  Authentication.layer,
  Users.layer,
  ApiKeys.layer,
  Audit.layer,
  Evidence.layer,
  Evaluations.layer,
  Certificates.layer,
  Search.layer,
  Webhooks.layer,
  Registrations.layer,
  Practices.layer,
  Recommendations.layer,
  Manuals.layer,
).pipe(
  // The e-mails a use case sends with its change (a task's institution, a registrant).
  Layer.provideMerge(Notifications.layer),
  // The working calendar, which the agreements' deadlines are counted on, serves the others too.
  Layer.provideMerge(Calendar.layer),
  // Use cases publish their events to the outbox in their own transactions.
  Layer.provideMerge(Outbox.layer),
)

/** The use-case services. */
export type UseCases = Layer.Layer.Success<typeof useCases>

/** The services every handler and job can reach. */
export type AppServices = StoreServices | Today | Ids | UseCases

/** The use cases over a store, a clock and ids already provided (how tests build them). */
export const over = <E, R>(base: Layer.Layer<StoreServices | Today | Ids, E, R>) =>
  useCases.pipe(Layer.provideMerge(base))

/** The whole application over the database `settings` name, in the zone they name. */
export const layer = (settings: AppSettings): Layer.Layer<AppServices> =>
  over(
    Layer.mergeAll(
      settings.today ?? Today.layer(settings.timeZone),
      Ids.layer,
      Layer.succeed(WebhookSettings, { allowPrivate: settings.webhookAllowPrivate ?? false }),
    ).pipe(Layer.provideMerge(Store.layer(settings.databaseUrl))),
  )
