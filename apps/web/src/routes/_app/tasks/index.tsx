import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { tasksQuery } from "../../../api/agreements.js"
import { SelectField } from "../../../components/Fields.js"
import { ProblemBox, useLabels } from "../../../components/agreements/Shared.js"
import { useI18n } from "../../../i18n/I18n.js"
import { TaskTable } from "./-components/TaskTable.js"

export const Route = createFileRoute("/_app/tasks/")({
  validateSearch: Schema.standardSchemaV1(Schema.Struct({ institutionId: Schema.optional(Schema.String) })),
  component: Inbox,
})

/** An institution's inbox: the coordination tasks addressed to it. */
function Inbox() {
  const { t } = useI18n()
  const ti = t.agreements.inbox
  const { institutionId } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const labels = useLabels()
  const tasks = useQuery({ ...tasksQuery({ institutionId }), enabled: institutionId !== undefined })
  return (
    <section>
      <div className="page-head">
        <h1>{ti.title}</h1>
        <div className="page-actions">
          <Link to="/tasks/overdue" search={{}} className="button">
            {ti.showOverdue}
          </Link>
        </div>
      </div>
      <div className="filters">
        <SelectField
          label={ti.institution}
          value={institutionId ?? ""}
          onChange={(v) => void navigate({ search: { institutionId: v === "" ? undefined : v } })}
          placeholder={t.agreements.form.choose}
          options={labels.institutions.map((i) => ({ id: i.id, label: i.name }))}
        />
      </div>
      {institutionId === undefined ? (
        <p className="muted">{ti.chooseInstitution}</p>
      ) : tasks.isError ? (
        <ProblemBox error={tasks.error} />
      ) : tasks.isPending ? (
        <p className="muted">{t.app.loading}</p>
      ) : tasks.data.length === 0 ? (
        <p className="muted">{ti.none}</p>
      ) : (
        <TaskTable
          tasks={tasks.data}
          caption={`${ti.title}: ${labels.institution(institutionId)}`}
          showInstitution={false}
          withActions
        />
      )}
    </section>
  )
}
