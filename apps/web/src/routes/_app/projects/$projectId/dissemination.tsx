import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { disseminationQuery } from "@/api/reach.js"
import { CreatePanel } from "@/components/reach/CreatePanel.js"
import { useI18n } from "@/i18n/I18n.js"
import { DisseminationForm } from "./-components/DisseminationForm.js"

/** The dissemination activities of a project, and a form for a new one. */
export const Route = createFileRoute("/_app/projects/$projectId/dissemination")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(disseminationQuery(params.projectId)),
  component: DisseminationPage,
})

function DisseminationPage() {
  const { t, formatDate, formatNumber } = useI18n()
  const r = t.reach.dissemination
  const { projectId } = Route.useParams()
  const { data } = useSuspenseQuery(disseminationQuery(projectId))
  const activities = [...data].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  return (
    <>
      <CreatePanel
        level={2}
        title={r.title}
        createLabel={r.create}
        formTitle={r.createTitle}
        formId="new-activity"
        form={(done) => (
          <DisseminationForm projectId={projectId} onCreated={(a) => done(r.created(a.title))} />
        )}
      />
      {activities.length === 0 ? (
        <p className="muted">{t.app.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{r.date}</th>
              <th scope="col">{r.name}</th>
              <th scope="col">{r.kind}</th>
              <th scope="col">{r.namedCount}</th>
              <th scope="col">{r.additionalCount}</th>
              <th scope="col">{r.method}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => (
              <tr key={a.id}>
                <td>{formatDate(a.date)}</td>
                <td>{a.title}</td>
                <td>{t.reach.disseminationKind[a.kind]}</td>
                <td className="number">{formatNumber(a.namedPersonIds.length)}</td>
                <td className="number">{formatNumber(a.additionalCount)}</td>
                <td>{t.reach.method[a.method]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
