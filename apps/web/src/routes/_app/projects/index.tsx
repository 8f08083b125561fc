import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { projectsQuery } from "../../../api/projects.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/projects/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(projectsQuery()),
  component: ProjectsPage,
})

function ProjectsPage() {
  const { t, formatDate } = useI18n()
  const { data } = useSuspenseQuery(projectsQuery())
  return (
    <section>
      <h1>{t.projects.title}</h1>
      {data.length === 0 ? (
        <p className="muted">{t.app.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.projects.code}</th>
              <th scope="col">{t.projects.name}</th>
              <th scope="col">{t.projects.period}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to="/projects/$projectId" params={{ projectId: p.id }}>
                    {p.code}
                  </Link>
                </td>
                <td>{p.title}</td>
                <td>
                  {formatDate(p.startDate)} – {formatDate(p.endDate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
