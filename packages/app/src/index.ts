/**
 * `@coordina/app`: Coordina's use cases as Effect services. Each owns its transaction, its
 * audit entry, its scope check, its clock and its ids; the API's handlers and the worker's jobs
 * call them and nothing else.
 * @module
 */
export * as App from "./AppLayer.js"
export type { AppServices, AppSettings, UseCases } from "./AppLayer.js"
export { Ids, nextId } from "./Ids.js"
export { nowIso, Today, today } from "./Today.js"
export { createAudited, transaction } from "./Transaction.js"
export { ApiKeys } from "./ApiKeys.js"
export { Audit } from "./Audit.js"
export { Authentication, type Identity } from "./Authentication.js"
export { checkPasswordStrength, hashPassword, minimumScore, verifyPassword } from "./Passwords.js"
export { Sessions, type SignedIn } from "./Sessions.js"
export { apiKeyPrefix, csrfTokenFor, hashToken, newApiKey, newSessionToken, sessionPrefix } from "./Tokens.js"
export { Users } from "./Users.js"
