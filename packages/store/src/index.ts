/**
 * `@coordina/store`: Coordina's SQL, on SQLite (embedded default) or PostgreSQL.
 * @module
 */
export { type AuditAction, type AuditEntry, AuditLog } from "./AuditLog.js"
export * as Database from "./Database.js"
export { newId } from "./Ids.js"
export { migrate } from "./migrations/index.js"
export { ProjectsRepository } from "./ProjectsRepository.js"
export type { Page, PageRequest } from "./Rows.js"
export * as Store from "./Store.js"
export type { StoreServices } from "./Store.js"
