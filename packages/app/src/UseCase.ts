/**
 * What the use-case services share: the database and audit log every write goes through,
 * captured when a service is built (so its methods need nothing from the caller), and the
 * scope rule for records that belong to a project.
 * @module
 */
import { canSeeProject, type Principal, ProjectNotFound } from "@coordina/domain"
import type * as SqlClient from "@effect/sql/SqlClient"
import { type AuditEntry, AuditLog, type ProjectsRepository } from "@coordina/store"
import { type Context, Effect } from "effect"

/** What a write of a use case needs: the database (for its transaction) and the audit log. */
export type Writes = SqlClient.SqlClient | AuditLog

/** Captures the database and the audit log; the function runs a write effect with them. */
export const captureWrites = Effect.map(
  Effect.context<Writes>(),
  (context) =>
    <A, E>(effect: Effect.Effect<A, E, Writes>): Effect.Effect<A, E> =>
      Effect.provide(effect, context),
)

/** Appends an audit entry (inside the caller's transaction). */
export const audit = (entry: AuditEntry) => Effect.flatMap(AuditLog, (log) => log.record(entry))

/**
 * A project the caller may see, or ProjectNotFound: a project outside their scope answers exactly
 * like one that does not exist, so its existence does not leak.
 */
export const visibleProject = (
  projects: Context.Tag.Service<ProjectsRepository>,
  principal: Principal,
  projectId: string,
) =>
  canSeeProject(principal, projectId)
    ? projects.get(projectId)
    : Effect.fail(new ProjectNotFound({ projectId }))
