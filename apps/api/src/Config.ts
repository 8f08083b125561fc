/**
 * The API's configuration: the only module that reads `process.env`. Every variable is read
 * and checked with Effect's `Config`, so a bad value (a `PORT` that is not a port, a short
 * admin token, an unknown time zone) stops the start with a message naming the variable.
 * @module
 */
import { resolve } from "node:path"
import { defaultEvidenceLimitBytes } from "@coordina/domain"
import { Config, type ConfigError, ConfigProvider, Effect, Either, Option } from "effect"

/** Everything the API process is configured with. */
export interface ApiConfig {
  /** TCP port to listen on. */
  readonly port: number
  /** The interface to listen on (`HOST`): loopback unless a reverse proxy in front needs more. */
  readonly host: string
  /** `file:…` for SQLite (the default) or `postgres://…`. */
  readonly databaseUrl: string
  /** The admin token from `COORDINA_ADMIN_TOKEN` (32 characters or more), when set. */
  readonly adminToken: string | undefined
  /** Whether a new embedded database gets the demo data. */
  readonly demo: boolean
  /** Where the built SPA lives, served at `/`. */
  readonly webDist: string
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number
  /** Largest sign-in sheet accepted, in bytes. */
  readonly sheetLimitBytes: number
  /** Largest evidence file accepted, in bytes (`COORDINA_EVIDENCE_LIMIT`). */
  readonly evidenceLimitBytes: number
  /**
   * The secret salt of erasure keys (`COORDINA_PSEUDONYM_SALT`, at least 16 characters); erasure
   * is refused while it is not set.
   */
  readonly pseudonymSalt: string | undefined
  /**
   * Whether a reverse proxy in front sets `X-Forwarded-For` and `X-Forwarded-Proto`
   * (`COORDINA_TRUST_PROXY=on`): then the client address and scheme come from them.
   */
  readonly trustProxy: boolean
  /** The IANA zone of "today" (`COORDINA_TIME_ZONE`, Europe/Sofia by default). */
  readonly timeZone: string
  /** Heavy requests (imports, exports, reports) running at once (`COORDINA_HEAVY_CONCURRENCY`). */
  readonly heavyConcurrency: number
  /** Heavy requests waiting for a turn before the next is answered 503 (`COORDINA_HEAVY_QUEUE`). */
  readonly heavyQueue: number
  /**
   * Whether webhook endpoints may be private, loopback or link-local addresses
   * (`COORDINA_WEBHOOK_ALLOW_PRIVATE=on`, for development; off by default).
   */
  readonly webhookAllowPrivate: boolean
}

/** The shortest admin token accepted: 32 characters, as many as the generated one. */
export const minAdminTokenLength = 32

const onOff = (name: string, fallback: "on" | "off") =>
  Config.literal(
    "on",
    "off",
  )(name).pipe(
    Config.withDefault(fallback),
    Config.map((v) => v === "on"),
  )

const positive = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "a whole number greater than 0", validation: (n) => n > 0 }),
    Config.withDefault(fallback),
  )

const atLeast = (name: string, length: number) =>
  Config.string(name).pipe(
    Config.validate({ message: `at least ${length} characters`, validation: (s) => s.length >= length }),
    Config.option,
    Config.map(Option.getOrUndefined),
  )

/** An IANA zone name that this Node's Intl knows. */
export const timeZoneConfig = Config.string("COORDINA_TIME_ZONE").pipe(
  Config.validate({
    message: "an IANA time zone such as Europe/Sofia",
    validation: (zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone })
        return true
      } catch {
        return false
      }
    },
  }),
  Config.withDefault("Europe/Sofia"),
)

/** The API's configuration as Effect `Config`, with the defaults a newcomer needs. */
export const apiConfig: Config.Config<ApiConfig> = Config.all({
  port: Config.port("PORT").pipe(Config.withDefault(3000)),
  host: Config.nonEmptyString("HOST").pipe(Config.withDefault("127.0.0.1")),
  databaseUrl: Config.nonEmptyString("DATABASE_URL").pipe(Config.withDefault("file:./data/coordina.db")),
  adminToken: atLeast("COORDINA_ADMIN_TOKEN", minAdminTokenLength),
  demo: onOff("COORDINA_DEMO", "on"),
  webDist: Config.string("COORDINA_WEB_DIST").pipe(
    Config.withDefault(resolve(import.meta.dirname, "../../web/dist")),
    Config.map((dir) => resolve(dir)),
  ),
  bodyLimitBytes: positive("COORDINA_BODY_LIMIT", 1024 * 1024),
  sheetLimitBytes: positive("COORDINA_SHEET_LIMIT", 20 * 1024 * 1024),
  evidenceLimitBytes: positive("COORDINA_EVIDENCE_LIMIT", defaultEvidenceLimitBytes),
  pseudonymSalt: atLeast("COORDINA_PSEUDONYM_SALT", 16),
  trustProxy: onOff("COORDINA_TRUST_PROXY", "off"),
  timeZone: timeZoneConfig,
  heavyConcurrency: positive("COORDINA_HEAVY_CONCURRENCY", 2),
  heavyQueue: Config.integer("COORDINA_HEAVY_QUEUE").pipe(
    Config.validate({ message: "a whole number, 0 or more", validation: (n) => n >= 0 }),
    Config.withDefault(8),
  ),
  webhookAllowPrivate: onOff("COORDINA_WEBHOOK_ALLOW_PRIVATE", "off"),
})

/** Reads the configuration from `env` (the process's environment by default), or says what is wrong. */
export const loadConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): Either.Either<ApiConfig, ConfigError.ConfigError> => {
  // An empty variable counts as unset, as shells and compose files often leave them.
  const set = Object.entries(env).filter((entry): entry is [string, string] => !!entry[1])
  return Effect.runSync(
    Effect.either(Effect.withConfigProvider(apiConfig, ConfigProvider.fromMap(new Map(set)))),
  )
}

/** Reads the configuration, throwing an error that names every bad variable. */
export const readConfig = (env: Readonly<Record<string, string | undefined>> = process.env): ApiConfig => {
  const loaded = loadConfig(env)
  if (Either.isLeft(loaded)) throw new Error(configErrorText(loaded.left))
  return loaded.right
}

/** A configuration error as one line per bad variable: `PORT: Expected a network port…`. */
export const configErrorText = (error: ConfigError.ConfigError): string =>
  `The configuration is not valid:\n${String(error)}`
