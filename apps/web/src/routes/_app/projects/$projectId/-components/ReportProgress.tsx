import type { ReportView } from "@coordina/domain"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect } from "react"
import { Label, ProgressBar } from "react-aria-components"
import { isPending, reportKeys, reportQuery } from "@/api/reports.js"
import { useI18n } from "@/i18n/I18n.js"

/** The worker's step in the UI's language (an unknown step shows as the worker named it). */
export const useStepName = () => {
  const { t } = useI18n()
  return (step: string) => t.reports.step[step] ?? step
}

/** A version's progress as the worker reports it: percent and step. */
export const ReportProgressBar = ({ report }: { readonly report: ReportView }) => {
  const { t } = useI18n()
  const stepName = useStepName()
  return (
    <ProgressBar
      value={report.progress.percent}
      className="progress"
      aria-label={t.reports.generate.progress}
      data-testid={`report-progress-${report.id}`}
    >
      {({ percentage, valueText }) => (
        <>
          <Label>{stepName(report.progress.step)}</Label>
          <span className="progress-value">{valueText}</span>
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  )
}

/**
 * Follows one version while the worker has it (`GET /v1/reports/{id}` every second), showing
 * its progress; once it is ready or failed, the project's report list is read again.
 */
export const ReportFollower = ({ id }: { readonly id: string }) => {
  const { t } = useI18n()
  const g = t.reports.generate
  const queryClient = useQueryClient()
  const { data: report, error } = useQuery(reportQuery(id))
  const settled = report !== undefined && !isPending(report)
  useEffect(() => {
    if (settled) void queryClient.invalidateQueries({ queryKey: reportKeys.list() })
  }, [settled, queryClient])
  if (error) return <p role="alert">{error.message}</p>
  if (!report) return <p className="muted">{t.app.loading}</p>
  return (
    <div className="report-follower" aria-live="polite">
      {isPending(report) ? (
        <ReportProgressBar report={report} />
      ) : report.status === "failed" ? (
        <p role="alert" className="error-box">
          {g.failed(report.error ?? "")}
        </p>
      ) : (
        <p role="status" className="status">
          {report.sameAs ? g.unchanged(report.version) : g.ready(report.version)}
        </p>
      )}
    </div>
  )
}
