import { ReportKind, type ReportLanguage, type ReportView } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { reportKeys, requestReport } from "@/api/reports.js"
import { useI18n } from "@/i18n/I18n.js"
import { Problem, Section, Select, TextField } from "@/ui/index.js"
import { useProblemAt } from "./useProblemAt.js"
import { ReportFollower } from "./ReportProgress.js"

type Kind = ReportKind

/**
 * "Generate": kind, period and language. The API queues the job (202) and the worker produces
 * it; the form then follows the queued version's progress until it is ready. A period the
 * server refuses (422) shows its message beside the date it names.
 */
export const GenerateReport = (props: {
  readonly projectId: string
  readonly projectStart: string
  readonly projectEnd: string
}) => {
  const { t, language: uiLanguage } = useI18n()
  const g = t.reports.generate
  const queryClient = useQueryClient()
  const [kind, setKind] = useState<Kind>("interim")
  const [periodStart, setPeriodStart] = useState(props.projectStart)
  const [periodEnd, setPeriodEnd] = useState(props.projectEnd)
  const [language, setLanguage] = useState<ReportLanguage>(uiLanguage)
  const [queued, setQueued] = useState<ReportView | undefined>(undefined)
  const mutation = useMutation({
    mutationFn: () =>
      requestReport(props.projectId, {
        kind,
        language,
        ...(kind === "final" ? {} : { periodStart, periodEnd }),
      }),
    onSuccess: async (report) => {
      setQueued(report)
      await queryClient.invalidateQueries({ queryKey: reportKeys.list() })
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setQueued(undefined)
    mutation.mutate()
  }
  const isFinal = kind === "final"
  const problemAt = useProblemAt(mutation.error)
  return (
    <Section title={g.title} id="generate-report">
      <Form onSubmit={submit} className="form-grid" aria-label={g.title}>
        <Select
          label={g.kind}
          value={kind}
          onChange={(k) => k && setKind(k as Kind)}
          options={ReportKind.literals.map((k) => ({ id: k, label: t.reports.kind[k] }))}
          isRequired
        />
        <TextField
          label={g.periodStart}
          type="date"
          value={isFinal ? props.projectStart : periodStart}
          onChange={setPeriodStart}
          isDisabled={isFinal}
          isRequired={!isFinal}
          errorMessage={problemAt("periodStart")}
        />
        <TextField
          label={g.periodEnd}
          type="date"
          value={isFinal ? props.projectEnd : periodEnd}
          onChange={setPeriodEnd}
          isDisabled={isFinal}
          isRequired={!isFinal}
          errorMessage={problemAt("periodEnd")}
        />
        <Select
          label={g.language}
          value={language}
          onChange={(l) => l && setLanguage(l as ReportLanguage)}
          options={(["bg", "en"] as const).map((l) => ({ id: l, label: t.reports.language[l] }))}
          isRequired
        />
        {isFinal && <p className="muted wide">{g.finalPeriod}</p>}
        {mutation.isError && <Problem error={mutation.error} />}
        <div className="form-actions">
          <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
            {mutation.isPending ? g.sending : g.submit}
          </Button>
        </div>
      </Form>
      {queued && (
        <div data-testid="generated-report">
          <p className="muted">{g.queued(queued.version)}</p>
          <ReportFollower key={queued.id} id={queued.id} />
        </div>
      )}
    </Section>
  )
}
