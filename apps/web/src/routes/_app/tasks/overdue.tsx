import type { TaskView } from "@coordina/domain"
import { IsoDate } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { tasksQuery } from "../../../api/agreements.js"
import { ensureToday, useTodayDate } from "../../../api/today.js"
import { TextInput } from "../../../components/Fields.js"
import { useLabels } from "../../../components/agreements/Shared.js"
import { useI18n } from "../../../i18n/I18n.js"
import { DataTable } from "@/ui/index.js"
import { useTaskColumns } from "./-components/taskColumns.js"

export const Route = createFileRoute("/_app/tasks/overdue")({
  validateSearch: Schema.standardSchemaV1(Schema.Struct({ asOf: Schema.optional(IsoDate) })),
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) =>
    context.queryClient.ensureQueryData(
      tasksQuery({ overdue: true, asOf: deps.asOf ?? (await ensureToday(context.queryClient)).date }),
    ),
  component: OverdueView,
})

/** The coordinator's view: overdue tasks, grouped by the institution that must act. */
function OverdueView() {
  const { t, formatNumber } = useI18n()
  const ti = t.agreements.inbox
  const search = Route.useSearch()
  const today = useTodayDate()
  const asOf = search.asOf ?? today
  const navigate = useNavigate({ from: Route.fullPath })
  const labels = useLabels()
  // Each table is one institution's, so its institution column would repeat the heading.
  const columns = useTaskColumns(false).filter((column) => column.id !== "institution")
  const { data } = useSuspenseQuery(tasksQuery({ overdue: true, asOf }))
  const byInstitution = new Map<string, Array<TaskView>>()
  for (const task of data)
    byInstitution.set(task.institutionId, [...(byInstitution.get(task.institutionId) ?? []), task])
  const groups = [...byInstitution.entries()].sort((a, b) => b[1].length - a[1].length)
  return (
    <section>
      <div className="page-head">
        <h1>{ti.overdueTitle}</h1>
        <div className="page-actions">
          <Link to="/tasks" search={{}} className="button">
            {ti.showInbox}
          </Link>
        </div>
      </div>
      <p className="muted">{ti.overdueIntro}</p>
      <div className="filters">
        <TextInput
          label={ti.asOf}
          type="date"
          value={asOf}
          onChange={(v) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(v)) void navigate({ search: { asOf: v as IsoDate } })
          }}
        />
      </div>
      {groups.length === 0 ? (
        <p className="muted">{ti.overdueNone}</p>
      ) : (
        groups.map(([institutionId, tasks]) => (
          <section key={institutionId} className="panel">
            <h2>
              {labels.institution(institutionId)}{" "}
              <span className="badge late-flag">{formatNumber(tasks.length)}</span>
            </h2>
            <DataTable
              id={`overdue-${institutionId}`}
              caption={`${ti.overdueTitle}: ${labels.institution(institutionId)}`}
              columns={columns}
              rows={tasks}
              rowId={(task) => task.id}
            />
          </section>
        ))
      )}
    </section>
  )
}
