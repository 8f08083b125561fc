import { elapsedShare, isoDate } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { projectQuery } from "../../../api/projects.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/projects/$projectId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(projectQuery(params.projectId)),
  component: ProjectPage,
})

const today = () => isoDate(new Date().toISOString().slice(0, 10))

function ProjectPage() {
  const { t, formatDate, formatNumber } = useI18n()
  const { projectId } = Route.useParams()
  const { data: project } = useSuspenseQuery(projectQuery(projectId))
  const share = elapsedShare(
    {
      startDate: isoDate(project.startDate),
      durationMonths: project.durationMonths,
      extensions: project.extensions,
    },
    today(),
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
      <h2>{t.projects.targets}</h2>
      <table className="table narrow">
        <tbody>
          {project.targets.map((target) => (
            <tr key={target.indicator}>
              <th scope="row">{t.projects.indicator[target.indicator]}</th>
              <td className="number">{formatNumber(target.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
