import { defaultScheduleZone, ReportKind, type ReportSchedulesView } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { replaceSchedules, reportKeys } from "@/api/reports.js"
import { useI18n } from "@/i18n/I18n.js"
import { EmptyState, Problem, Section, Select, Status, TextField } from "@/ui/index.js"
import { useProblemAt } from "./useProblemAt.js"

type Rule = "previous_quarter" | "previous_half_year" | "previous_months"

interface Row {
  readonly key: string
  readonly kind: ReportKind
  readonly cron: string
  readonly timeZone: string
  readonly rule: Rule
  readonly months: string
}

const rowOf = (s: ReportSchedulesView["schedules"][number]): Row => {
  const [rule, months] = s.period.split(":")
  return {
    key: crypto.randomUUID(),
    kind: s.kind,
    cron: s.cron,
    timeZone: s.timeZone,
    rule: (rule === "previous_months" || rule === "previous_half_year" ? rule : "previous_quarter") as Rule,
    months: months ?? "6",
  }
}

const periodOf = (r: Row): string => (r.rule === "previous_months" ? `previous_months:${r.months}` : r.rule)

/**
 * A project's schedules, edited as a whole and saved with one `PUT`. The server judges each cron
 * expression, zone and period rule; a refusal shows beside the field whose path it names.
 */
export const ReportSchedulesForm = (props: {
  readonly projectId: string
  readonly schedules: ReportSchedulesView
  readonly mayWrite: boolean
}) => {
  const { t } = useI18n()
  const s = t.reports.schedules
  const queryClient = useQueryClient()
  const [rows, setRows] = useState<ReadonlyArray<Row>>(() => props.schedules.schedules.map(rowOf))
  const mutation = useMutation({
    mutationFn: () =>
      replaceSchedules(props.projectId, {
        schedules: rows.map((r) => ({
          kind: r.kind,
          cron: r.cron.trim(),
          timeZone: r.timeZone.trim() || defaultScheduleZone,
          period: periodOf(r),
        })),
      }),
    onSuccess: async (saved) => {
      setRows(saved.schedules.map(rowOf))
      await queryClient.invalidateQueries({ queryKey: reportKeys.one(props.projectId, "schedules") })
    },
  })
  const problemAt = useProblemAt(mutation.error)
  const change = (key: string, patch: Partial<Row>) => {
    mutation.reset()
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  const ruleOptions = (["previous_quarter", "previous_half_year", "previous_months"] as const).map((r) => ({
    id: r,
    label: s.periodRule[r],
  }))
  return (
    <Section title={s.title} id="report-schedules">
      <p className="muted">{s.intro}</p>
      <Form onSubmit={submit} aria-label={s.title}>
        {rows.length === 0 && <EmptyState>{s.none}</EmptyState>}
        {rows.map((r, i) => {
          const at = (field: string) => problemAt(`schedules.${i}.${field}`)
          return (
            <fieldset key={r.key} className="form-grid schedule-row" disabled={!props.mayWrite}>
              <legend>{s.row(i + 1)}</legend>
              <Select
                label={s.kind}
                value={r.kind}
                onChange={(k) => k && change(r.key, { kind: k as ReportKind })}
                options={ReportKind.literals.map((k) => ({ id: k, label: t.reports.kind[k] }))}
                isDisabled={!props.mayWrite}
              />
              <TextField
                label={s.cron}
                value={r.cron}
                onChange={(cron) => change(r.key, { cron })}
                errorMessage={at("cron")}
                isRequired
                isDisabled={!props.mayWrite}
              />
              <TextField
                label={s.timeZone}
                value={r.timeZone}
                onChange={(timeZone) => change(r.key, { timeZone })}
                errorMessage={at("timeZone")}
                isDisabled={!props.mayWrite}
              />
              <Select
                label={s.period}
                value={r.rule}
                onChange={(rule) => rule && change(r.key, { rule: rule as Rule })}
                options={ruleOptions}
                isDisabled={!props.mayWrite}
              />
              {r.rule === "previous_months" && (
                <TextField
                  label={s.months}
                  value={r.months}
                  onChange={(months) => change(r.key, { months })}
                  errorMessage={at("period")}
                  isDisabled={!props.mayWrite}
                />
              )}
              {r.rule !== "previous_months" && at("period") && <p className="field-error">{at("period")}</p>}
              {props.mayWrite && (
                <div className="form-actions">
                  <Button
                    className="button small"
                    aria-label={s.remove(i + 1)}
                    onPress={() => {
                      mutation.reset()
                      setRows((list) => list.filter((x) => x.key !== r.key))
                    }}
                  >
                    ×
                  </Button>
                </div>
              )}
            </fieldset>
          )
        })}
        {mutation.isError && <Problem error={mutation.error} />}
        {mutation.isSuccess && <Status>{s.saved}</Status>}
        {props.mayWrite && (
          <div className="form-actions">
            <Button
              className="button"
              onPress={() => {
                mutation.reset()
                setRows((list) => [
                  ...list,
                  {
                    key: crypto.randomUUID(),
                    kind: "interim",
                    cron: "0 6 1 1,7 *",
                    timeZone: defaultScheduleZone,
                    rule: "previous_half_year",
                    months: "6",
                  },
                ])
              }}
            >
              {s.add}
            </Button>
            <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
              {mutation.isPending ? s.saving : s.save}
            </Button>
          </div>
        )}
      </Form>
    </Section>
  )
}
