/**
 * The API's configuration: the only module that reads `process.env`.
 * @module
 */
import { resolve } from "node:path"

/** Everything the API process is configured with. */
export interface ApiConfig {
  /** TCP port to listen on. */
  readonly port: number
  /** `file:…` for SQLite (the default) or `postgres://…`. */
  readonly databaseUrl: string
  /** The admin token from `COORDINA_ADMIN_TOKEN`, when set. */
  readonly adminToken: string | undefined
  /** Whether a new embedded database gets the demo data. */
  readonly demo: boolean
  /** Where the built SPA lives, served at `/`. */
  readonly webDist: string
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number
  /** Largest sign-in sheet accepted, in bytes. */
  readonly sheetLimitBytes: number
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
}

/** Reads the configuration from the environment, with the defaults a newcomer needs. */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): ApiConfig => ({
  port: Number(env.PORT ?? 3000),
  databaseUrl: env.DATABASE_URL ?? "file:./data/coordina.db",
  adminToken: env.COORDINA_ADMIN_TOKEN || undefined,
  demo: (env.COORDINA_DEMO ?? "on") !== "off",
  webDist: resolve(env.COORDINA_WEB_DIST ?? resolve(import.meta.dirname, "../../web/dist")),
  bodyLimitBytes: Number(env.COORDINA_BODY_LIMIT ?? 1024 * 1024),
  sheetLimitBytes: Number(env.COORDINA_SHEET_LIMIT ?? 20 * 1024 * 1024),
  pseudonymSalt:
    env.COORDINA_PSEUDONYM_SALT && env.COORDINA_PSEUDONYM_SALT.length >= 16
      ? env.COORDINA_PSEUDONYM_SALT
      : undefined,
  trustProxy: env.COORDINA_TRUST_PROXY === "on",
  timeZone: env.COORDINA_TIME_ZONE ?? "Europe/Sofia",
})
