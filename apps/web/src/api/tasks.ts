/** Coordination tasks a page at a time, with the count of all the caller may see. */
import { TaskPage } from "@coordina/domain"
import { keepPreviousData, queryOptions } from "@tanstack/react-query"
import { taskKeys } from "./agreements.js"
import { api, queryString } from "./client.js"

/** A page of tasks: every task the caller may see, or those of one institution. */
export const taskPageQuery = (
  filters: {
    readonly institutionId?: string | undefined
    readonly overdue?: boolean
    readonly asOf?: string
  },
  cursor: string | undefined,
  limit = 50,
) =>
  queryOptions({
    queryKey: taskKeys.list({ ...filters, cursor, limit }),
    queryFn: () => api(`/v1/tasks${queryString({ ...filters, cursor, limit })}`, { schema: TaskPage }),
    placeholderData: keepPreviousData,
  })
