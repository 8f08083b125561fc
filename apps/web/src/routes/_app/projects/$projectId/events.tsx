import type { EventView } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { useMemo } from "react"
import { queryString } from "@/api/client.js"
import { eventPageQuery } from "@/api/reach.js"
import { CreatePanel } from "@/components/reach/CreatePanel.js"
import { placeName } from "@/components/reach/labels.js"
import { useI18n } from "@/i18n/I18n.js"
import { type Column, DataTable, Problem, useCursorPaging } from "@/ui/index.js"
import { ExportButtons } from "@/ui/Export.js"
import { EventForm } from "./-components/EventForm.js"

const pageSize = 50

/** The events of a project, a page at a time, and a form for a new one. */
export const Route = createFileRoute("/_app/projects/$projectId/events")({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(eventPageQuery(params.projectId, undefined, pageSize)),
  component: EventsPage,
})

function EventsPage() {
  const { t, language, formatDate } = useI18n()
  const r = t.reach.events
  const { projectId } = Route.useParams()
  const paging = useCursorPaging(projectId)
  const events = useQuery(eventPageQuery(projectId, paging.cursor, pageSize))
  const columns = useMemo<ReadonlyArray<Column<EventView>>>(
    () => [
      {
        id: "name",
        header: r.name,
        cell: ({ row }) => (
          <Link to="/events/$eventId" params={{ eventId: row.original.id }}>
            {row.original.title}
          </Link>
        ),
      },
      { id: "kind", header: r.kind, cell: ({ row }) => t.reach.eventKind[row.original.kind] },
      {
        id: "dates",
        header: r.dates,
        cell: ({ row }) => {
          const e = row.original
          const dates = `${formatDate(e.startDate)}${e.endDate !== e.startDate ? ` – ${formatDate(e.endDate)}` : ""}`
          return e.outsideProjectPeriod ? (
            <>
              {dates}{" "}
              <span className="badge behind" data-testid={`outside-period-${e.id}`}>
                {r.outsidePeriod}
              </span>
            </>
          ) : (
            dates
          )
        },
      },
      {
        id: "city",
        header: r.city,
        cell: ({ row }) =>
          `${row.original.city}${row.original.planningRegion ? ` (${placeName(row.original.planningRegion, language)})` : ""}`,
      },
    ],
    [r, t, language, formatDate],
  )
  return (
    <>
      <CreatePanel
        level={2}
        title={r.title}
        createLabel={r.create}
        formTitle={r.createTitle}
        formId="new-event"
        form={(done) => (
          <EventForm
            projectId={projectId}
            onCreated={(e) => done(e.outsideProjectPeriod ? r.createdOutside(e.title) : r.created(e.title))}
          />
        )}
      />
      {events.isError ? (
        <Problem error={events.error} />
      ) : (
        <DataTable
          id="events"
          caption={r.title}
          columns={columns}
          page={events.data}
          rowId={(e) => e.id}
          paging={paging}
          pageSize={pageSize}
          isFetching={events.isFetching}
          empty={t.app.none}
          toolbar={<ExportButtons path={`/v1/events${queryString({ projectId })}`} />}
        />
      )}
    </>
  )
}
