/**
 * Queries for projects, decoded with the domain's schema; one key factory.
 */
import type { Extension } from "@coordina/domain"
import { ProjectPage, ProjectView } from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { allPages, api, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of projects. */
export const projectKeys = resourceKeys("projects")

/** Every project the caller may see. */
export const projectsQuery = () =>
  queryOptions({ queryKey: projectKeys.list(), queryFn: () => allPages("/v1/projects", ProjectPage) })

/** One project. */
export const projectQuery = (id: string) =>
  queryOptions({
    queryKey: projectKeys.one(id),
    queryFn: () => api(`/v1/projects/${seg(id)}`, { schema: ProjectView }),
  })

/** Extends a project's period by some months, for a reason; answers the project with its new end. */
export const extendProject = (id: string, body: typeof Extension.Encoded) =>
  api(`/v1/projects/${seg(id)}/extensions`, { method: "POST", body, schema: ProjectView })
