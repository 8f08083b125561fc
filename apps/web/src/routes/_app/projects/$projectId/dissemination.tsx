import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { useState } from "react"
import { Button } from "react-aria-components"
import { disseminationQuery } from "../../../../api/reach.js"
import { StatusMessage } from "../../../../components/reach/Fields.js"
import { useI18n } from "../../../../i18n/I18n.js"
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
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<string | null>(null)
  const activities = [...data.items].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  return (
    <>
      <div className="page-head">
        <h2>{r.title}</h2>
        <Button className="button primary" aria-expanded={creating} onPress={() => setCreating((c) => !c)}>
          {r.create}
        </Button>
      </div>
      {creating && (
        <section aria-labelledby="new-activity" className="panel">
          <h3 id="new-activity">{r.createTitle}</h3>
          <DisseminationForm
            projectId={projectId}
            onCreated={(a) => {
              setCreating(false)
              setCreated(r.created(a.title))
            }}
          />
        </section>
      )}
      {created && <StatusMessage>{created}</StatusMessage>}
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
