/**
 * One query-key factory per resource: every query of a resource sits under its name, so one
 * `invalidate` refreshes every list, picker and page that shows it after a change.
 */
import type { QueryClient } from "@tanstack/react-query"

/** The query keys of the resource `name`, and its invalidation. */
export const resourceKeys = <const Name extends string>(name: Name) => ({
  /** Every query of the resource. */
  all: [name] as const,
  /** A list, by its filters. */
  list: (filter: object = {}) => [name, "list", filter] as const,
  /** One record, or something under it (`one(id, "events")`). */
  one: (id: string, ...under: ReadonlyArray<string>) => [name, "one", id, ...under] as const,
  /** Marks every query of the resource stale, so whatever shows it reloads. */
  invalidate: (queryClient: QueryClient): Promise<void> =>
    queryClient.invalidateQueries({ queryKey: [name] }),
})
