import type { ReportView } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button } from "react-aria-components"
import { reportKeys, submitReport } from "../../../../../api/reports.js"
import { TextAreaInput } from "../../../../../components/Fields.js"
import { FormDialog } from "../../../../../components/access/FormDialog.js"
import { ProblemAlert } from "../../../../../components/reach/Fields.js"
import { useI18n } from "../../../../../i18n/I18n.js"

/**
 * Submits a version, when the server offers it (`allowedActions`), after a confirmation that
 * names the consequence: the period's records lock.
 */
export const SubmitReport = ({ report }: { readonly report: ReportView }) => {
  const { t, formatDate } = useI18n()
  const s = t.reports.submit
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [note, setNote] = useState("")
  const mutation = useMutation({
    mutationFn: () => submitReport(report.id, note.trim() || undefined),
    onSuccess: async () => {
      setOpen(false)
      await queryClient.invalidateQueries({ queryKey: reportKeys.all })
    },
  })
  if (!report.allowedActions.includes("submit")) return null
  return (
    <>
      <Button className="button small" aria-label={s.label(report.version)} onPress={() => setOpen(true)}>
        {s.button}
      </Button>
      <FormDialog
        title={s.title}
        role="alertdialog"
        isOpen={open}
        onOpenChange={(next) => {
          setOpen(next)
          if (!next) mutation.reset()
        }}
      >
        <div className="form">
          <p>{s.consequence(formatDate(report.periodStart), formatDate(report.periodEnd))}</p>
          <p>{s.kept}</p>
          <TextAreaInput label={s.note} value={note} onChange={setNote} />
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <div className="form-actions">
            <Button
              className="button primary"
              onPress={() => mutation.mutate()}
              isDisabled={mutation.isPending}
            >
              {s.confirm}
            </Button>
            <Button slot="close" className="button" autoFocus>
              {t.app.cancel}
            </Button>
          </div>
        </div>
      </FormDialog>
    </>
  )
}
