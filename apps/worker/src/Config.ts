/**
 * The worker's configuration: the only module that reads `process.env`.
 * @module
 */
import { Config, Redacted } from "effect"

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

/**
 * The secret salt of erasure keys (`COORDINA_PSEUDONYM_SALT`, 16 characters or more), the same as
 * the API's; without it the retention job only reports what it would erase.
 */
export const pseudonymSalt = Config.redacted("COORDINA_PSEUDONYM_SALT").pipe(
  Config.validate({ message: "at least 16 characters", validation: (s) => Redacted.value(s).length >= 16 }),
  Config.option,
)
