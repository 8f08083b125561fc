import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { taskPageQuery } from "@/api/tasks.js"
import { useLabels } from "@/components/agreements/Shared.js"
import { useI18n } from "@/i18n/I18n.js"
import { DataTable, Page, Problem, Select, useCursorPaging } from "@/ui/index.js"
import { useTaskColumns } from "./-components/taskColumns.js"

export const Route = createFileRoute("/_app/tasks/")({
  validateSearch: Schema.standardSchemaV1(Schema.Struct({ institutionId: Schema.optional(Schema.String) })),
  component: Inbox,
})

const pageSize = 50

/** The inbox: every task the caller may see, or those addressed to one institution. */
function Inbox() {
  const { t } = useI18n()
  const ti = t.agreements.inbox
  const { institutionId } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const labels = useLabels()
  const paging = useCursorPaging(institutionId ?? "")
  const tasks = useQuery(taskPageQuery({ institutionId }, paging.cursor, pageSize))
  const columns = useTaskColumns(true)
  return (
    <Page
      title={ti.title}
      actions={
        <Link to="/tasks/overdue" search={{}} className="button">
          {ti.showOverdue}
        </Link>
      }
    >
      {tasks.isError ? (
        <Problem error={tasks.error} />
      ) : (
        <DataTable
          id="tasks"
          caption={institutionId ? `${ti.title}: ${labels.institution(institutionId)}` : ti.title}
          columns={columns}
          page={tasks.data}
          rowId={(task) => task.id}
          paging={paging}
          pageSize={pageSize}
          isFetching={tasks.isFetching}
          empty={ti.none}
          toolbar={
            <div className="filters">
              <Select
                label={ti.institution}
                value={institutionId}
                onChange={(v) => void navigate({ search: { institutionId: v } })}
                emptyLabel={t.ui.select.none}
                options={labels.institutions.map((i) => ({ id: i.id, label: i.name }))}
              />
            </div>
          }
        />
      )}
    </Page>
  )
}
