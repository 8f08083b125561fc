import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { eventsQuery } from "../../../../api/reach.js"
import { placeName } from "../../../../components/reach/labels.js"
import { CreatePanel } from "../../../../components/reach/CreatePanel.js"
import { useI18n } from "../../../../i18n/I18n.js"
import { EventForm } from "./-components/EventForm.js"

/** The events of a project, and a form for a new one. */
export const Route = createFileRoute("/_app/projects/$projectId/events")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(eventsQuery(params.projectId)),
  component: EventsPage,
})

function EventsPage() {
  const { t, language, formatDate } = useI18n()
  const r = t.reach.events
  const { projectId } = Route.useParams()
  const { data } = useSuspenseQuery(eventsQuery(projectId))
  const events = [...data].sort((a, b) =>
    a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0,
  )
  return (
    <>
      <CreatePanel
        level={2}
        title={r.title}
        createLabel={r.create}
        formTitle={r.createTitle}
        formId="new-event"
        form={(done) => <EventForm projectId={projectId} onCreated={(e) => done(r.created(e.title))} />}
      />
      {events.length === 0 ? (
        <p className="muted">{t.app.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{r.name}</th>
              <th scope="col">{r.kind}</th>
              <th scope="col">{r.dates}</th>
              <th scope="col">{r.city}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to="/events/$eventId" params={{ eventId: e.id }}>
                    {e.title}
                  </Link>
                </td>
                <td>{t.reach.eventKind[e.kind]}</td>
                <td>
                  {formatDate(e.startDate)}
                  {e.endDate !== e.startDate ? ` – ${formatDate(e.endDate)}` : ""}
                </td>
                <td>
                  {e.city}
                  {e.planningRegion ? ` (${placeName(e.planningRegion, language)})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
