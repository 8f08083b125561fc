import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { projectQuery } from "@/api/projects.js"
import { locksQuery, projectReportsQuery, reportSchedulesQuery, revisionsQuery } from "@/api/reports.js"
import { useAllows } from "@/auth/Can.js"
import { GenerateReport } from "./-components/GenerateReport.js"
import { ReportLocks, ReportRevisions } from "./-components/ReportLocks.js"
import { ReportSchedulesForm } from "./-components/ReportSchedulesForm.js"
import { ReportVersions } from "./-components/ReportVersions.js"

/**
 * The project's funder reports: generate one (and watch the worker's progress), its versions
 * with what changed, their files, submission, the locked periods (and an admin's unlock), the
 * revisions of locked periods, and the schedules that queue reports by period.
 */
export const Route = createFileRoute("/_app/projects/$projectId/reports")({
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(projectReportsQuery(params.projectId)),
      context.queryClient.ensureQueryData(reportSchedulesQuery(params.projectId)),
      context.queryClient.ensureQueryData(locksQuery(params.projectId)),
      context.queryClient.ensureQueryData(revisionsQuery(params.projectId)),
    ]),
  component: ReportsPage,
})

function ReportsPage() {
  const { projectId } = Route.useParams()
  const { data: project } = useSuspenseQuery(projectQuery(projectId))
  const { data: reports } = useSuspenseQuery(projectReportsQuery(projectId))
  const { data: schedules } = useSuspenseQuery(reportSchedulesQuery(projectId))
  const { data: locks } = useSuspenseQuery(locksQuery(projectId))
  const { data: revisions } = useSuspenseQuery(revisionsQuery(projectId))
  const mayWrite = useAllows("reports", "write")
  return (
    <>
      {mayWrite && (
        <GenerateReport projectId={projectId} projectStart={project.startDate} projectEnd={project.endDate} />
      )}
      <ReportVersions groups={reports.items} />
      <ReportLocks projectId={projectId} locks={locks} />
      <ReportRevisions revisions={revisions} />
      <ReportSchedulesForm projectId={projectId} schedules={schedules} mayWrite={mayWrite} />
    </>
  )
}
