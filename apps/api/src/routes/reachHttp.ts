/**
 * Small helpers shared by the reach-accounting routes (institutions, people, events,
 * dissemination, reach): `If-Match` versions, transactions, today's date and project scope.
 * @module
 */
import { type IsoDate, ProjectNotFound } from "@coordina/domain"
import { ProjectsRepository } from "@coordina/store"
import { Effect } from "effect"
import type { Principal } from "../http/Auth.js"
import { canSeeProject } from "../http/Policy.js"

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
