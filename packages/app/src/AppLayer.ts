/**
 * Everything a Coordina process runs on: the store over one database, the one clock and zone,
 * ids, and the use-case services. The API and the worker each build one `ManagedRuntime` from it.
 * @module
 */
import { Store, type StoreServices } from "@coordina/store"
import { Layer } from "effect"
import { Activities } from "./Activities.js"
import { Ids } from "./Ids.js"
import { ReportContents } from "./ReportContents.js"
import { ReportJobs } from "./ReportJobs.js"
import { Reports } from "./Reports.js"
import { Today } from "./Today.js"

/** What the app layer needs to be built. */
export interface AppSettings {
  /** `file:…` for SQLite or `postgres://…`. */
  readonly databaseUrl: string
  /** The IANA zone of "today" (`COORDINA_TIME_ZONE`). */
  readonly timeZone: string
}

/** The services every handler and job can reach. */
export type AppServices = StoreServices | Today | Ids | UseCases

/** Every use-case service, each needing only the store, the clock and ids. */
const useCases = Layer.mergeAll(Activities.layer, ReportContents.layer, Reports.layer, ReportJobs.layer)

type UseCases = Layer.Layer.Success<typeof useCases>

/** The whole application over the database `settings` name, in the zone they name. */
export const layer = (settings: AppSettings): Layer.Layer<AppServices> =>
  useCases.pipe(
    Layer.provideMerge(Layer.mergeAll(Today.layer(settings.timeZone), Ids.layer)),
    Layer.provideMerge(Store.layer(settings.databaseUrl)),
  )
