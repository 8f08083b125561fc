import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { projectQuery } from "@/api/projects.js"
import { planQuery } from "@/api/reports.js"
import { useTodayDate } from "@/api/today.js"
import { useI18n } from "@/i18n/I18n.js"
import { EmptyState, Section } from "@/ui/index.js"
import { PlanTimeline } from "./-components/PlanTimeline.js"

/**
 * The project plan: its activities against the project period, planned and actual, with the
 * ones the server flags as lying outside it (an extension moves no activity).
 */
export const Route = createFileRoute("/_app/projects/$projectId/plan")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(planQuery(params.projectId)),
  component: PlanPage,
})

function PlanPage() {
  const { t, formatDate } = useI18n()
  const p = t.reports.plan
  const { projectId } = Route.useParams()
  const { data: project } = useSuspenseQuery(projectQuery(projectId))
  const { data: plan } = useSuspenseQuery(planQuery(projectId))
  const today = useTodayDate()
  const outside = plan.items.filter((a) => a.outsideProjectPeriod)
  const dates = (from: string | undefined, to: string | undefined, ongoing: string) =>
    from ? `${formatDate(from)} – ${to ? formatDate(to) : ongoing}` : p.notStarted
  return (
    <Section title={p.title} id="plan">
      {plan.items.length === 0 ? (
        <EmptyState>{p.none}</EmptyState>
      ) : (
        <>
          {outside.length > 0 && (
            <p className="notice" role="status" data-testid="plan-outside">
              {p.outsideCount(outside.length)} {p.outsideHelp}
            </p>
          )}
          <PlanTimeline
            activities={plan.items}
            projectStart={project.startDate}
            projectEnd={project.endDate}
            today={today}
          />
          <table className="table" aria-label={p.table}>
            <thead>
              <tr>
                <th scope="col">{p.code}</th>
                <th scope="col">{p.activity}</th>
                <th scope="col">{p.status}</th>
                <th scope="col">{p.planned}</th>
                <th scope="col">{p.actual}</th>
                <th scope="col">{p.responsible}</th>
                <th scope="col">{p.deliverables}</th>
                <th scope="col">{p.projectPeriod}</th>
              </tr>
            </thead>
            <tbody>
              {plan.items.map((a) => (
                <tr key={a.id} data-testid={`activity-${a.code}`}>
                  <th scope="row">{a.code}</th>
                  <td>{a.title}</td>
                  <td>{p.statusName[a.status]}</td>
                  <td>{dates(a.plannedStart, a.plannedEnd, "")}</td>
                  <td>{dates(a.actualStart, a.actualEnd, p.ongoing)}</td>
                  <td>{a.responsible ?? "—"}</td>
                  <td>{a.deliverables.length > 0 ? a.deliverables.join("; ") : "—"}</td>
                  <td>
                    {a.outsideProjectPeriod ? (
                      <span className="badge behind" title={p.outsideHelp}>
                        {p.outside}
                      </span>
                    ) : (
                      <span className="muted">{p.inside}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  )
}
