/**
 * Every repository over one database: what the API and the worker provide to their runtime.
 * @module
 */
import type { SqlClient } from "@effect/sql"
import { Layer } from "effect"
import * as Database from "./Database.js"
import { AuditLog } from "./AuditLog.js"
import { ProjectsRepository } from "./ProjectsRepository.js"

/** Every repository, each needing only a `SqlClient`. */
export const repositories = Layer.mergeAll(AuditLog.layer, ProjectsRepository.layer)

/** The services the store provides. */
export type StoreServices = Layer.Layer.Success<typeof repositories> | SqlClient.SqlClient

/** Every repository over the database a URL names, migrated first. */
export const layer = (databaseUrl: string): Layer.Layer<StoreServices> =>
  repositories.pipe(Layer.provideMerge(Database.layer(databaseUrl)))
