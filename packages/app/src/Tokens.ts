/**
 * Secrets that prove who is asking: session tokens, API keys and the CSRF token of a session.
 * Only their SHA-256 hashes are kept.
 * @module
 */
import { createHash, createHmac, randomBytes } from "node:crypto"

/** The SHA-256 of a token, hex; what is kept instead of the token. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

/** What every session token starts with. */
export const sessionPrefix = "cs_"
/** What every API key starts with. */
export const apiKeyPrefix = "ck_"

/** A new session token: 256 random bits. */
export const newSessionToken = (): string => `${sessionPrefix}${randomBytes(32).toString("base64url")}`
/** A new API key: 256 random bits. */
export const newApiKey = (): string => `${apiKeyPrefix}${randomBytes(32).toString("base64url")}`

/**
 * The CSRF token of a session, derived from its token so the web app can ask for it again after
 * a reload (`GET /v1/sessions/current`) while only its hash is stored.
 */
export const csrfTokenFor = (sessionToken: string): string =>
  createHmac("sha256", sessionToken).update("coordina csrf token").digest("base64url")
