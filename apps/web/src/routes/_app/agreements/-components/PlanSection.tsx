import {
  type IntegrationPlanView,
  type Measure,
  measureStatusOn,
  type ProcedureRuleSet,
  type TaskView,
} from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { afterAgreementChange, setPlan } from "@/api/agreements.js"
import { useTodayDate } from "@/api/today.js"
import { SelectField, TextInput } from "@/components/Fields.js"
import { DaysLeft, ProblemBox, useLabels } from "@/components/agreements/Shared.js"
import { useI18n } from "@/i18n/I18n.js"

/** The measures of the individual integration plan, with their status today. */
export const MeasuresTable = ({
  measures,
  procedureId,
}: {
  measures: ReadonlyArray<Measure>
  procedureId: string
}) => {
  const { t } = useI18n()
  const tp = t.agreements.plan
  const labels = useLabels()
  const today = useTodayDate()
  if (measures.length === 0) return <p className="muted">{t.agreements.case.noPlan}</p>
  return (
    <table className="table" aria-label={t.agreements.case.plan}>
      <thead>
        <tr>
          <th scope="col">{tp.area}</th>
          <th scope="col">{tp.institution}</th>
          <th scope="col">{tp.dueDate}</th>
          <th scope="col">{tp.status}</th>
          <th scope="col">{tp.evidence}</th>
        </tr>
      </thead>
      <tbody>
        {measures.map((m) => {
          const status = measureStatusOn(m, today)
          return (
            <tr key={m.id}>
              <td>
                {labels.code(m.area, procedureId)}
                {m.note && <div className="muted small">{m.note}</div>}
              </td>
              <td>{labels.institution(m.responsibleInstitutionId)}</td>
              <td>
                <DaysLeft date={m.dueDate} done={status === "done"} />
              </td>
              <td>
                <span className={`badge measure-${status}`}>{t.agreements.measureStatus[status]}</span>
              </td>
              <td>
                {m.evidence.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul className="plain">
                    {m.evidence.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** The coordination tasks the plan opened, with days left or overdue. */
export const TasksTable = ({
  tasks,
  procedureId,
}: {
  tasks: ReadonlyArray<TaskView>
  procedureId: string
}) => {
  const { t, formatDate } = useI18n()
  const tt = t.agreements.task
  const labels = useLabels()
  if (tasks.length === 0) return <p className="muted">{t.agreements.case.noTasks}</p>
  return (
    <table className="table" aria-label={t.agreements.case.tasks}>
      <thead>
        <tr>
          <th scope="col">{tt.institution}</th>
          <th scope="col">{tt.area}</th>
          <th scope="col">{tt.openedOn}</th>
          <th scope="col">{tt.dueDate}</th>
          <th scope="col">{tt.status}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} className={task.overdue ? "overdue-row" : undefined}>
            <td>{labels.institution(task.institutionId)}</td>
            <td>{labels.code(task.area, procedureId)}</td>
            <td>{formatDate(task.openedOn)}</td>
            <td>
              <DaysLeft date={task.dueDate} done={task.status === "done" || task.status === "rejected"} />
            </td>
            <td>
              <span className={`badge task-${task.status}`}>{t.agreements.taskStatus[task.status]}</span>
              {task.overdue && <span className="badge late-flag">{tt.overdue}</span>}
              {task.escalateTo && <span className="badge escalated">{tt.escalated}</span>}
              {task.reason && <div className="small">{task.reason}</div>}
              {task.outcome && <div className="small">{task.outcome}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

interface Row {
  readonly key: number
  area: string
  institutionId: string
  dueDate: string
  note: string
}

/** Sets the plan: measures by area with the responsible institution and due date. */
export const PlanEditor = ({
  plan,
  ruleSet,
  onClose,
}: {
  plan: IntegrationPlanView
  ruleSet: ProcedureRuleSet
  onClose: () => void
}) => {
  const measures = plan.measures
  const { t, language } = useI18n()
  const tp = t.agreements.plan
  const labels = useLabels()
  const queryClient = useQueryClient()
  const today = useTodayDate()
  const [rows, setRows] = useState<Array<Row>>(() =>
    measures.map((m, i) => ({
      key: i,
      area: m.area,
      institutionId: m.responsibleInstitutionId,
      dueDate: m.dueDate,
      note: m.note ?? "",
    })),
  )
  const [nextKey, setNextKey] = useState(measures.length)
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const mutation = useMutation({
    mutationFn: () =>
      setPlan(
        plan,
        rows.map((r) => ({
          area: r.area,
          responsibleInstitutionId: r.institutionId,
          dueDate: r.dueDate,
          ...(r.note.trim() ? { note: r.note.trim() } : {}),
        })),
      ),
    onSuccess: async () => {
      await afterAgreementChange(queryClient)
      onClose()
    },
  })
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    mutation.mutate()
  }
  const areaOptions = ruleSet.planAreas.map((a) => ({ id: a, label: ruleSet.labels[a]?.[language] ?? a }))
  const institutionOptions = labels.institutions.map((i) => ({ id: i.id, label: i.name }))
  return (
    <Form onSubmit={submit} className="plan-editor" aria-label={tp.edit}>
      {rows.map((r, i) => (
        <fieldset key={r.key} className="measure-row">
          <legend>{tp.measure(i + 1)}</legend>
          <SelectField
            label={tp.area}
            value={r.area}
            onChange={(area) => update(r.key, { area: area ?? "" })}
            options={areaOptions}
            isRequired
            placeholder={t.agreements.form.choose}
          />
          <SelectField
            label={tp.institution}
            value={r.institutionId}
            onChange={(institutionId) => update(r.key, { institutionId: institutionId ?? "" })}
            options={institutionOptions}
            isRequired
            placeholder={t.agreements.form.choose}
          />
          <TextInput
            label={tp.dueDate}
            type="date"
            value={r.dueDate}
            onChange={(dueDate) => update(r.key, { dueDate })}
            isRequired
          />
          <TextInput label={tp.note} value={r.note} onChange={(note) => update(r.key, { note })} />
          <Button className="button" onPress={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
            {tp.removeMeasure}
          </Button>
        </fieldset>
      ))}
      <Button
        className="button"
        onPress={() => {
          setRows((rs) => [...rs, { key: nextKey, area: "", institutionId: "", dueDate: today, note: "" }])
          setNextKey((k) => k + 1)
        }}
      >
        {tp.addMeasure}
      </Button>
      <ProblemBox error={mutation.error} />
      <div className="form-buttons">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {tp.save}
        </Button>
        <Button className="button" onPress={onClose}>
          {t.agreements.form.cancel}
        </Button>
      </div>
    </Form>
  )
}
