/**
 * The worker's configuration: the only module that reads `process.env`. Every variable is read
 * and checked with Effect's `Config`, so a bad value stops the start with a message naming it.
 * @module
 */
import { hostname } from "node:os"
import { type SmtpSettings, smtpUrlProblem } from "@coordina/app"
import { Config, ConfigError, ConfigProvider, Effect, Either, Option, Redacted } from "effect"

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
  /** How often an idle worker looks for due outbox messages, in milliseconds (`COORDINA_OUTBOX_POLL_MS`). */
  readonly outboxPollMs: number
  /** Outbox messages claimed and sent at once (`COORDINA_OUTBOX_BATCH`). */
  readonly outboxBatch: number
  /** How long an outbox claim holds, in seconds (`COORDINA_OUTBOX_LEASE_SECONDS`); above the 10 s timeout. */
  readonly outboxLeaseSeconds: number
  /**
   * Whether webhooks may go to private, loopback and link-local addresses
   * (`COORDINA_WEBHOOK_ALLOW_PRIVATE=on`, the same switch as the API's; off by default).
   */
  readonly webhookAllowPrivate: boolean
  /**
   * Where e-mail goes (`COORDINA_SMTP_URL`, `smtp://` or `smtps://`, and `COORDINA_SMTP_FROM`);
   * none: every e-mail stays in the outbox as `not_configured`.
   */
  readonly smtp: Option.Option<SmtpSettings>
}

const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const nonNegative = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "a whole number, 0 or more", validation: (n) => n >= 0 }),
    Config.withDefault(fallback),
  )

/** A bare address or `Name <address>`; the SMTP server is the judge of the rest. */
const fromAddress = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/

/** `COORDINA_SMTP_URL` checked when the worker starts, so a typo stops it instead of failing every send. */
export const smtpConfig: Config.Config<Option.Option<SmtpSettings>> = Config.all({
  url: Config.redacted("COORDINA_SMTP_URL").pipe(
    Config.mapOrFail((url) => {
      const problem = smtpUrlProblem(Redacted.value(url))
      return problem === undefined
        ? Either.right(url)
        : Either.left(
            ConfigError.InvalidData(
              ["COORDINA_SMTP_URL"],
              `Expected an smtp:// or smtps:// URL (${problem}), e.g. smtp://user:password@mail.example.bg:587`,
            ),
          )
    }),
    Config.option,
  ),
  from: Config.string("COORDINA_SMTP_FROM").pipe(
    Config.validate({
      message: "an e-mail address, or Name <address>",
      validation: (s) => fromAddress.test(s.trim()),
    }),
    Config.option,
  ),
}).pipe(
  Config.map(({ url, from }) =>
    Option.map(url, (u) => ({
      url: u,
      // Without a sender of its own, the messages come from no-reply at the SMTP server's host.
      from: Option.getOrElse(from, () => `Coordina <no-reply@${new URL(Redacted.value(u)).hostname}>`),
    })),
  ),
)

/** The worker's configuration as Effect `Config`. */
export const workerConfig: Config.Config<WorkerConfig> = Config.all({
  databaseUrl: Config.nonEmptyString("DATABASE_URL").pipe(Config.withDefault("file:./data/coordina.db")),
  timeZone: Config.string("COORDINA_TIME_ZONE").pipe(
    Config.validate({ message: "an IANA time zone such as Europe/Sofia", validation: knownZone }),
    Config.withDefault("Europe/Sofia"),
  ),
  workerId: Config.nonEmptyString("COORDINA_WORKER_ID").pipe(
    Config.withDefault(`${hostname()}:${process.pid}`),
  ),
  reportPollMs: nonNegative("COORDINA_REPORT_POLL_MS", 1000),
  reportLeaseSeconds: nonNegative("COORDINA_REPORT_LEASE_SECONDS", 30),
  reportStepDelayMs: nonNegative("COORDINA_REPORT_STEP_DELAY_MS", 0),
  outboxPollMs: nonNegative("COORDINA_OUTBOX_POLL_MS", 1000),
  outboxBatch: Config.integer("COORDINA_OUTBOX_BATCH").pipe(
    Config.validate({ message: "a whole number from 1 to 500", validation: (n) => n >= 1 && n <= 500 }),
    Config.withDefault(20),
  ),
  outboxLeaseSeconds: Config.integer("COORDINA_OUTBOX_LEASE_SECONDS").pipe(
    Config.validate({ message: "a whole number greater than 0", validation: (n) => n > 0 }),
    Config.withDefault(60),
  ),
  webhookAllowPrivate: Config.literal(
    "on",
    "off",
  )("COORDINA_WEBHOOK_ALLOW_PRIVATE").pipe(
    Config.withDefault("off"),
    Config.map((v) => v === "on"),
  ),
  smtp: smtpConfig,
})

/** The delivery options of this worker's outbox loop. */
export const deliveryOptions = (config: WorkerConfig) => ({
  worker: config.workerId,
  batch: config.outboxBatch,
  leaseSeconds: config.outboxLeaseSeconds,
  allowPrivate: config.webhookAllowPrivate,
  pollMs: config.outboxPollMs,
})

/** Reads the configuration from `env` (the process's environment by default), or says what is wrong. */
export const loadConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): Either.Either<WorkerConfig, ConfigError.ConfigError> => {
  const set = Object.entries(env).filter((entry): entry is [string, string] => !!entry[1])
  return Effect.runSync(
    Effect.either(Effect.withConfigProvider(workerConfig, ConfigProvider.fromMap(new Map(set)))),
  )
}

/** Reads the configuration, throwing an error that names every bad variable. */
export const readConfig = (env: Readonly<Record<string, string | undefined>> = process.env): WorkerConfig => {
  const loaded = loadConfig(env)
  if (Either.isLeft(loaded)) throw new Error(`The configuration is not valid:\n${String(loaded.left)}`)
  return loaded.right
}

/**
 * The secret salt of erasure keys (`COORDINA_PSEUDONYM_SALT`, 16 characters or more), the same as
 * the API's; without it the retention job only reports what it would erase.
 */
export const pseudonymSalt = Config.redacted("COORDINA_PSEUDONYM_SALT").pipe(
  Config.validate({ message: "at least 16 characters", validation: (s) => Redacted.value(s).length >= 16 }),
  Config.option,
)
