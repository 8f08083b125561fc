/**
 * The worker's configuration: the only module that reads `process.env`.
 * @module
 */

/** Everything the worker process is configured with. */
export interface WorkerConfig {
  /** `file:…` for SQLite (the default) or `postgres://…`; the same database as the API. */
  readonly databaseUrl: string
  /** IANA time zone the cron expressions are read in. */
  readonly timeZone: string
}

/** Reads the configuration from the environment. */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => ({
  databaseUrl: env.DATABASE_URL ?? "file:./data/coordina.db",
  timeZone: env.COORDINA_TIME_ZONE ?? "Europe/Sofia",
})
