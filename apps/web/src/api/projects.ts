/**
 * Queries for projects. The types come from the domain's schemas, so the SPA and the API
 * cannot disagree on a field.
 */
import type { ProjectView } from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, type Page } from "./client.js"

/** A project as the API sends it (the encoded side of the domain schema). */
export type ProjectJson = typeof ProjectView.Encoded

/** Every project (the first 500). */
export const projectsQuery = () =>
  queryOptions({ queryKey: ["projects"], queryFn: () => api<Page<ProjectJson>>("/v1/projects?limit=500") })

/** One project. */
export const projectQuery = (id: string) =>
  queryOptions({
    queryKey: ["projects", id],
    queryFn: () => api<ProjectJson>(`/v1/projects/${encodeURIComponent(id)}`),
  })
