import { elapsedShare, isoDate } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, Outlet } from "@tanstack/react-router"
import { projectQuery } from "../../../api/projects.js"
import { useTodayDate } from "../../../api/today.js"
import { useI18n } from "../../../i18n/I18n.js"
import { ExtendProject } from "./-components/ExtendProject.js"

/** A project: its facts, then its sections (reach, events, dissemination, explorer). */
export const Route = createFileRoute("/_app/projects/$projectId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(projectQuery(params.projectId)),
  component: ProjectPage,
})

function ProjectPage() {
  const { t, formatDate, formatNumber } = useI18n()
  const { projectId } = Route.useParams()
  const { data: project } = useSuspenseQuery(projectQuery(projectId))
  const today = useTodayDate()
  const share = elapsedShare(
    {
      startDate: isoDate(project.startDate),
      durationMonths: project.durationMonths,
      extensions: project.extensions,
    },
    today,
  )
  return (
    <section>
      <p className="muted">{project.code}</p>
      <h1>{project.title}</h1>
      <dl className="facts">
        {project.funder && (
          <>
            <dt>{t.projects.funder}</dt>
            <dd>{project.funder}</dd>
          </>
        )}
        <dt>{t.projects.period}</dt>
        <dd data-testid="project-period">
          {formatDate(project.startDate)} – {formatDate(project.endDate)}
        </dd>
        <dt>{t.projects.duration}</dt>
        <dd>
          {t.projects.months(project.durationMonths + project.extensions.reduce((s, e) => s + e.months, 0))}
        </dd>
        <dt>{t.projects.extensions}</dt>
        <dd>
          {project.extensions.length === 0
            ? t.projects.noExtensions
            : project.extensions.map((e) => `${t.projects.months(e.months)} (${e.reason})`).join("; ")}
        </dd>
        <dt>{t.projects.elapsed}</dt>
        <dd>{formatNumber(share, { style: "percent", maximumFractionDigits: 0 })}</dd>
      </dl>
      <ExtendProject project={project} />
      <nav aria-label={t.reach.nav.projectSections} className="tabs">
        <Link
          to="/projects/$projectId"
          params={{ projectId }}
          activeOptions={{ exact: true, includeSearch: false }}
          activeProps={{ className: "active" }}
        >
          {t.reach.nav.overview}
        </Link>
        <Link to="/projects/$projectId/events" params={{ projectId }} activeProps={{ className: "active" }}>
          {t.reach.nav.events}
        </Link>
        <Link
          to="/projects/$projectId/dissemination"
          params={{ projectId }}
          activeProps={{ className: "active" }}
        >
          {t.reach.nav.dissemination}
        </Link>
        <Link to="/projects/$projectId/explorer" params={{ projectId }} activeProps={{ className: "active" }}>
          {t.reach.nav.explorer}
        </Link>
        <Link to="/projects/$projectId/plan" params={{ projectId }} activeProps={{ className: "active" }}>
          {t.reports.nav.plan}
        </Link>
        <Link to="/projects/$projectId/reports" params={{ projectId }} activeProps={{ className: "active" }}>
          {t.reports.nav.reports}
        </Link>
      </nav>
      <Outlet />
    </section>
  )
}
