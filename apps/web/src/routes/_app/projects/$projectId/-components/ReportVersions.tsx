import type { ReportList, ReportView } from "@coordina/domain"
import { useMutation } from "@tanstack/react-query"
import { Button } from "react-aria-components"
import { downloadReport, isPending } from "@/api/reports.js"
import { useI18n } from "@/i18n/I18n.js"
import { EmptyState, InstantText, Problem, Section } from "@/ui/index.js"
import { ReportFollower } from "./ReportProgress.js"
import { SubmitReport } from "./SubmitReport.js"

type Group = ReportList["items"][number]

/** What changed against the previous version, as the worker listed it. */
const Changes = ({ report }: { readonly report: ReportView }) => {
  const { t } = useI18n()
  const l = t.reports.list
  if (report.sameAs) return <span className="muted">{l.sameAs}</span>
  if (report.status !== "ready") return null
  const changes = report.changes ?? []
  if (report.version === 1) return <span className="muted">{l.firstVersion}</span>
  if (changes.length === 0) return <span className="muted">{l.noChanges}</span>
  return (
    <details>
      <summary>{l.changeCount(changes.length)}</summary>
      <ul className="changes">
        {changes.map((c) => (
          <li key={c.path}>
            <code>{c.path}</code>: {c.before !== undefined && <span>{`${l.before} ${c.before}`}</span>}
            {c.before !== undefined && c.after !== undefined && " → "}
            {c.after !== undefined && <span>{`${l.after} ${c.after}`}</span>}
          </li>
        ))}
      </ul>
    </details>
  )
}

/** A ready version's files, each fetched with the caller's credentials. */
const Downloads = ({ report }: { readonly report: ReportView }) => {
  const { t } = useI18n()
  const download = useMutation({
    mutationFn: (format: NonNullable<ReportView["formats"]>[number]) => downloadReport(report, format),
  })
  if (report.status !== "ready") return null
  return (
    <>
      <div className="button-row">
        {(report.formats ?? []).map((format) => (
          <Button
            key={format}
            className="button small"
            aria-label={t.reports.list.download(t.reports.format[format], report.version)}
            onPress={() => download.mutate(format)}
          >
            {t.reports.format[format]}
          </Button>
        ))}
      </div>
      {download.isError && <Problem error={download.error} />}
    </>
  )
}

/** One version's row: status (live while the worker has it), changes, files and actions. */
const VersionRow = ({ report }: { readonly report: ReportView }) => {
  const { t } = useI18n()
  const l = t.reports.list
  return (
    <tr data-testid={`report-version-${report.id}`}>
      <td className="number">{report.version}</td>
      <td>
        {isPending(report) ? (
          <ReportFollower id={report.id} />
        ) : (
          <span className={`badge ${report.status}`}>{t.reports.status[report.status]}</span>
        )}
        {report.submittedAt && (
          <p data-testid={`report-submitted-${report.id}`}>
            <span className="badge met">{t.reports.submit.submitted}</span>{" "}
            <InstantText at={report.submittedAt} />
            {report.submitNote && <span className="muted"> · {report.submitNote}</span>}
          </p>
        )}
        {report.scheduled && <span className="muted"> · {l.scheduled}</span>}
        {report.status === "failed" && report.error && <p className="muted">{report.error}</p>}
      </td>
      <td>
        <InstantText at={report.requestedAt} />
      </td>
      <td>{report.readyAt ? <InstantText at={report.readyAt} /> : "—"}</td>
      <td>
        <Changes report={report} />
      </td>
      <td>
        <Downloads report={report} />
      </td>
      <td>
        <SubmitReport report={report} />
      </td>
    </tr>
  )
}

/** A project's reports, one table per (kind, period, language), newest version first. */
export const ReportVersions = ({ groups }: { readonly groups: ReadonlyArray<Group> }) => {
  const { t, formatDate } = useI18n()
  const l = t.reports.list
  return (
    <Section title={l.title} id="report-list">
      {groups.length === 0 ? (
        <EmptyState>{l.none}</EmptyState>
      ) : (
        groups.map((group) => {
          const title = `${t.reports.kind[group.kind]}, ${l.period(formatDate(group.periodStart), formatDate(group.periodEnd))} (${t.reports.language[group.language]})`
          return (
            <section
              key={`${group.kind}|${group.periodStart}|${group.periodEnd}|${group.language}`}
              aria-label={title}
              className="report-group"
            >
              <h3>{title}</h3>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{l.version}</th>
                    <th scope="col">{l.status}</th>
                    <th scope="col">{l.requestedAt}</th>
                    <th scope="col">{l.readyAt}</th>
                    <th scope="col">{l.changes}</th>
                    <th scope="col">{l.downloads}</th>
                    <th scope="col">{l.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.versions.map((r) => (
                    <VersionRow key={r.id} report={r} />
                  ))}
                </tbody>
              </table>
            </section>
          )
        })
      )}
    </Section>
  )
}
