/**
 * Queries and calls for funder reports and the project plan: a project's reports with their
 * versions, one version (polled while the worker generates it), schedules, and the plan's
 * activities. Every answer is decoded with the domain's schema; each resource has one key factory.
 */
import {
  ActivityList,
  PeriodLockList,
  PeriodLockView,
  RevisionList,
  type ReportFormat,
  ReportList,
  type ReportRequest,
  type ReportSchedules,
  ReportSchedulesView,
  ReportView,
} from "@coordina/domain"
import { queryOptions } from "@tanstack/react-query"
import { api, authHeaders, problemOf, seg } from "./client.js"
import { resourceKeys } from "./keys.js"

/** The query keys of reports (lists, versions, schedules). */
export const reportKeys = resourceKeys("reports")
/** The query keys of project plans. */
export const planKeys = resourceKeys("plan")

/** A project's reports, newest first, each with its versions. */
export const projectReportsQuery = (projectId: string) =>
  queryOptions({
    queryKey: reportKeys.list({ projectId }),
    queryFn: () => api(`/v1/projects/${seg(projectId)}/reports`, { schema: ReportList }),
  })

/** Whether the worker still has a version to do. */
export const isPending = (r: Pick<ReportView, "status">): boolean =>
  r.status === "queued" || r.status === "running"

/** One report version; re-read every second while the worker has it queued or running. */
export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: reportKeys.one(id),
    queryFn: () => api(`/v1/reports/${seg(id)}`, { schema: ReportView }),
    refetchInterval: (query) => (query.state.data && !isPending(query.state.data) ? false : 1000),
  })

/** A project's report schedules. */
export const reportSchedulesQuery = (projectId: string) =>
  queryOptions({
    queryKey: reportKeys.one(projectId, "schedules"),
    queryFn: () => api(`/v1/projects/${seg(projectId)}/report-schedules`, { schema: ReportSchedulesView }),
  })

/** A project's plan: its activities against the project period. */
export const planQuery = (projectId: string) =>
  queryOptions({
    queryKey: planKeys.one(projectId),
    queryFn: () => api(`/v1/projects/${seg(projectId)}/activities`, { schema: ActivityList }),
  })

/** Queues a generation (202); the worker produces it. */
export const requestReport = (projectId: string, body: typeof ReportRequest.Encoded) =>
  api(`/v1/projects/${seg(projectId)}/reports`, { method: "POST", body, schema: ReportView })

/** Replaces a project's schedules; a bad cron expression or zone is a 422 naming its path. */
export const replaceSchedules = (projectId: string, body: typeof ReportSchedules.Encoded) =>
  api(`/v1/projects/${seg(projectId)}/report-schedules`, {
    method: "PUT",
    body,
    schema: ReportSchedulesView,
  })

/** The name the server gives a file in `Content-Disposition`, if any. */
const attachmentName = (header: string | null): string | undefined => header?.match(/filename="([^"]+)"/)?.[1]

/**
 * Downloads a ready report's file. Fetched with the caller's credentials (a plain link would not
 * carry a bearer token), then handed to the browser as a file with the server's name for it.
 */
export const downloadReport = async (report: ReportView, format: ReportFormat): Promise<void> => {
  const path = `/v1/reports/${seg(report.id)}/${format}`
  const res = await fetch(path, { headers: authHeaders("GET"), credentials: "same-origin" })
  if (!res.ok) {
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    throw problemOf(res.status, res.statusText, body, res.headers.get("Retry-After"))
  }
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement("a")
  link.href = url
  link.download =
    attachmentName(res.headers.get("Content-Disposition")) ??
    `${report.kind}-${report.periodStart}-${report.periodEnd}-v${report.version}.${format}`
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Submits a ready version to the funder: the server records it and locks its period. */
export const submitReport = (id: string, note: string | undefined) =>
  api(`/v1/reports/${seg(id)}/submit`, {
    method: "POST",
    body: note ? { note } : {},
    schema: ReportView,
  })

/** A project's locked periods. */
export const locksQuery = (projectId: string) =>
  queryOptions({
    queryKey: reportKeys.one(projectId, "locks"),
    queryFn: () => api(`/v1/projects/${seg(projectId)}/locks`, { schema: PeriodLockList }),
  })

/** A project's corrections of locked periods. */
export const revisionsQuery = (projectId: string) =>
  queryOptions({
    queryKey: reportKeys.one(projectId, "revisions"),
    queryFn: () => api(`/v1/projects/${seg(projectId)}/revisions`, { schema: RevisionList }),
  })

/** Unlocks a locked period (admin), with the reason the revisions keep. */
export const unlockPeriod = (projectId: string, lockId: string, reason: string) =>
  api(`/v1/projects/${seg(projectId)}/locks/${seg(lockId)}/unlock`, {
    method: "POST",
    body: { reason },
    schema: PeriodLockView,
  })
