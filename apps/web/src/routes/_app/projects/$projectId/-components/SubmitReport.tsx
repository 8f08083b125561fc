import type { ReportView } from "@coordina/domain"
import { useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button } from "react-aria-components"
import { reportKeys, submitReport } from "@/api/reports.js"
import { useI18n } from "@/i18n/I18n.js"
import { ConfirmDialog, TextAreaField } from "@/ui/index.js"

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
  if (!report.allowedActions.includes("submit")) return null
  return (
    <>
      <Button className="button small" aria-label={s.label(report.version)} onPress={() => setOpen(true)}>
        {s.button}
      </Button>
      <ConfirmDialog
        title={s.title}
        danger={false}
        isOpen={open}
        onOpenChange={setOpen}
        confirmLabel={s.confirm}
        consequence={
          <>
            <p>{s.consequence(formatDate(report.periodStart), formatDate(report.periodEnd))}</p>
            <p>{s.kept}</p>
            <TextAreaField label={s.note} value={note} onChange={setNote} />
          </>
        }
        onConfirm={async () => {
          await submitReport(report.id, note.trim() || undefined)
          setNote("")
          // Submission locks a period: the versions, locks and every figure of the tab change.
          await queryClient.invalidateQueries({ queryKey: reportKeys.all })
        }}
      />
    </>
  )
}
