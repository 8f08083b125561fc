/**
 * Everything a Coordina process runs on: the store over one database, the one clock and zone,
 * ids, and the use-case services. The API and the worker each build one `ManagedRuntime` from it.
 * @module
 */
import { Store, type StoreServices } from "@coordina/store"
import { Layer } from "effect"
import { Ids } from "./Ids.js"
import { Today } from "./Today.js"

/** What the app layer needs to be built. */
export interface AppSettings {
  /** `file:…` for SQLite or `postgres://…`. */
  readonly databaseUrl: string
  /** The IANA zone of "today" (`COORDINA_TIME_ZONE`). */
  readonly timeZone: string
  /** Another clock, e.g. `Today.fixed(instant)` in tests; the real clock in `timeZone` when absent. */
  readonly today?: Layer.Layer<Today>
}

/** The services every handler and job can reach. */
export type AppServices = StoreServices | Today | Ids

/** The whole application over the database `settings` name, in the zone they name. */
export const layer = (settings: AppSettings): Layer.Layer<AppServices> =>
  Layer.mergeAll(settings.today ?? Today.layer(settings.timeZone), Ids.layer).pipe(
    Layer.provideMerge(Store.layer(settings.databaseUrl)),
  )
