/**
 * Every repository over one database: what the API and the worker provide to their runtime.
 * @module
 */
import type { SqlClient } from "@effect/sql"
import { Layer } from "effect"
import * as Database from "./Database.js"
import { ApiKeysRepository } from "./ApiKeysRepository.js"
import { AuditLog } from "./AuditLog.js"
import { IdempotencyKeys } from "./IdempotencyKeys.js"
import { LoginAttempts } from "./LoginAttempts.js"
import { RetentionRuns } from "./RetentionRuns.js"
import { SessionsRepository } from "./SessionsRepository.js"
import { UsersRepository } from "./UsersRepository.js"
import { HealthChecks } from "./HealthChecks.js"
import { JobRuns } from "./JobRuns.js"
import { ProjectsRepository } from "./ProjectsRepository.js"

/** Every repository, each needing only a `SqlClient`. */
export const repositories = Layer.mergeAll(
  ApiKeysRepository.layer,
  IdempotencyKeys.layer,
  LoginAttempts.layer,
  RetentionRuns.layer,
  SessionsRepository.layer,
  UsersRepository.layer,
  AuditLog.layer, HealthChecks.layer, JobRuns.layer, ProjectsRepository.layer)

/** The services the store provides. */
export type StoreServices = Layer.Layer.Success<typeof repositories> | SqlClient.SqlClient

/** Every repository over the database a URL names, migrated first. */
export const layer = (databaseUrl: string): Layer.Layer<StoreServices> =>
  repositories.pipe(Layer.provideMerge(Database.layer(databaseUrl)))
