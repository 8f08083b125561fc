/**
 * The worker's configuration: the only module that reads `process.env`.
 * @module
 */
import { hostname } from "node:os"
import { Config, Redacted } from "effect"

/** Everything the worker process is configured with. */
export interface WorkerConfig {
  /** `file:…` for SQLite (the default) or `postgres://…`; the same database as the API. */
  readonly databaseUrl: string
  /** IANA time zone the cron expressions are read in. */
  readonly timeZone: string
  /** How this worker names itself in report claims. */
  readonly workerId: string
  /** How often an idle worker looks for queued reports, in milliseconds (`COORDINA_REPORT_POLL_MS`). */
  readonly reportPollMs: number
  /** How long a report claim holds without progress, in seconds. */
  readonly reportLeaseSeconds: number
  /** A pause after each generation step (`COORDINA_REPORT_STEP_DELAY_MS`; tests stop workers mid-job with it). */
  readonly reportStepDelayMs: number
}

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v)
  return Number.isFinite(n) && n >= 0 && v !== undefined && v !== "" ? n : fallback
}

/** Reads the configuration from the environment. */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => ({
  databaseUrl: env.DATABASE_URL ?? "file:./data/coordina.db",
  timeZone: env.COORDINA_TIME_ZONE ?? "Europe/Sofia",
  workerId: env.COORDINA_WORKER_ID ?? `${hostname()}:${process.pid}`,
  reportPollMs: positive(env.COORDINA_REPORT_POLL_MS, 1000),
  reportLeaseSeconds: positive(env.COORDINA_REPORT_LEASE_SECONDS, 30),
  reportStepDelayMs: positive(env.COORDINA_REPORT_STEP_DELAY_MS, 0),
})

/**
 * The secret salt of erasure keys (`COORDINA_PSEUDONYM_SALT`, 16 characters or more), the same as
 * the API's; without it the retention job only reports what it would erase.
 */
export const pseudonymSalt = Config.redacted("COORDINA_PSEUDONYM_SALT").pipe(
  Config.validate({ message: "at least 16 characters", validation: (s) => Redacted.value(s).length >= 16 }),
  Config.option,
)
