/**
 * `@coordina/store`: Coordina's SQL, on SQLite (embedded default) or PostgreSQL.
 * @module
 */
export { ApiKeysRepository } from "./ApiKeysRepository.js"
export { type AuditAction, type AuditEntry, AuditLog } from "./AuditLog.js"
export * as Database from "./Database.js"
export { HealthChecks } from "./HealthChecks.js"
export { type Claim, IdempotencyKeys, type IdempotentRequest } from "./IdempotencyKeys.js"
export { newId } from "./Ids.js"
export { JobRuns, type RunOutcome } from "./JobRuns.js"
export { LoginAttempts } from "./LoginAttempts.js"
export { migrate } from "./migrations/index.js"
export { ProjectsRepository } from "./ProjectsRepository.js"
export { RetentionRuns } from "./RetentionRuns.js"
export type { Page, PageRequest } from "./Rows.js"
export { type ResolvedSession, SessionsRepository } from "./SessionsRepository.js"
export * as Store from "./Store.js"
export type { StoreServices } from "./Store.js"
export { type NewUserRecord, UsersRepository } from "./UsersRepository.js"
