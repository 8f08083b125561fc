/**
 * Small helpers shared by the reach-accounting routes (institutions, people, events,
 * dissemination, reach): `If-Match` versions, transactions, today's date and project scope.
 * @module
 */
import { type IsoDate, ProjectNotFound } from "@coordina/domain"
import { SqlClient } from "@effect/sql"
import { ProjectsRepository } from "@coordina/store"
import { Effect } from "effect"
import type { Context } from "hono"
import type { AppEnv } from "../http/AppEnv.js"
import type { Principal } from "../http/Auth.js"
import { canSeeProject } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"

/**
 * The version an `If-Match` header names (`3`, `"3"` or `W/"3"`), or a response: 428 when the
 * header is missing, 400 when it is not a version.
 */
export const ifMatchVersion = (c: Context<AppEnv>): number | Response => {
  const header = c.req.header("If-Match")
  if (header === undefined)
    return sendProblem(c, httpProblem(428, "Send If-Match: <version> with the version you last read."))
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header)
  if (!match) return sendProblem(c, httpProblem(400, "If-Match must be the version number of the record."))
  return Number(match[1])
}

/** Runs a change in one transaction, so a failed request changes nothing (audit entry included). */
export const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  SqlClient.SqlClient.pipe(
    Effect.flatMap((sql) =>
      sql.withTransaction(effect).pipe(Effect.catchTag("SqlError", (e) => Effect.die(e))),
    ),
  ) as Effect.Effect<A, Exclude<E, { readonly _tag: "SqlError" }>, R | SqlClient.SqlClient>

/** Today in Bulgaria, the default as-of date of reach. */
export const todayInSofia = (now: Date = new Date()): IsoDate =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Sofia",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now) as IsoDate

/** A project the caller may see; one outside their scope is answered as not found. */
export const visibleProject = (principal: Principal, projectId: string) =>
  canSeeProject(principal, projectId)
    ? ProjectsRepository.pipe(Effect.flatMap((repo) => repo.get(projectId)))
    : Effect.fail(new ProjectNotFound({ projectId }))

/** Whether the caller may see people's names behind reach figures (admins and coordinators). */
export const maySeeNames = (principal: Principal): boolean =>
  principal.roles.includes("admin") || principal.roles.includes("coordinator")
