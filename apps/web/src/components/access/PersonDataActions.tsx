import type { ErasureResult } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button } from "react-aria-components"
import { type DataSubjectKind, erasePersonalData, exportPersonalData } from "../../api/access.js"
import { useAllows } from "../../auth/Can.js"
import { useI18n } from "../../i18n/I18n.js"
import { FormDialog } from "./FormDialog.js"
import { ProblemAlert } from "./ProblemAlert.js"

/** Offers a JSON document to the browser as a file. */
const download = (fileName: string, data: unknown) => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }))
  const link = document.createElement("a")
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * A data subject's rights on one person or beneficiary: export everything held on them as JSON,
 * and erase their personal data (with confirmation; every total is kept). Shown only to callers
 * the policy lets use them; the API decides every request.
 */
export const PersonDataActions = ({
  kind,
  id,
  allowed,
}: {
  kind: DataSubjectKind
  id: string
  /** What the API says the caller may do with this record; without it, the caller's rights decide. */
  allowed?: ReadonlyArray<string>
}) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const mayExport = useAllows("privacy", "read")
  const mayErase = useAllows("privacy", "write")
  const canExport = allowed ? allowed.includes("export") : mayExport
  const canErase = allowed ? allowed.includes("erase") : mayErase
  const [confirming, setConfirming] = useState(false)
  const [erased, setErased] = useState<ErasureResult | null>(null)
  const exporting = useMutation({
    mutationFn: () => exportPersonalData(kind, id),
    onSuccess: (data) => download(`${kind}-${id}.json`, data),
  })
  const erasing = useMutation({
    mutationFn: () => erasePersonalData(kind, id),
    onSuccess: async (result) => {
      setErased(result)
      setConfirming(false)
      // Erasure touches a person or a beneficiary wherever it is shown: every cached answer goes.
      await queryClient.invalidateQueries()
    },
  })
  if (!canExport && !canErase) return null
  return (
    <section className="person-data" aria-labelledby={`person-data-${id}`}>
      <h2 id={`person-data-${id}`}>{t.access.privacy.title}</h2>
      <p className="muted">{t.access.privacy.intro}</p>
      <div className="form-actions">
        {canExport && (
          <Button className="button" onPress={() => exporting.mutate()} isDisabled={exporting.isPending}>
            {t.access.privacy.export}
          </Button>
        )}
        {canErase && !erased && (
          <Button className="button danger" onPress={() => setConfirming(true)}>
            {t.access.privacy.erase}
          </Button>
        )}
      </div>
      {exporting.isSuccess && (
        <p role="status" className="muted">
          {t.access.privacy.exported}
        </p>
      )}
      <ProblemAlert error={exporting.error ?? undefined} />
      {erased && (
        <p role="status" className="notice">
          {t.access.privacy.erased(erased.erasureKey, erased.records)}
        </p>
      )}
      <FormDialog
        title={t.access.privacy.confirmTitle}
        role="alertdialog"
        isOpen={confirming}
        onOpenChange={(open) => {
          setConfirming(open)
          if (!open) erasing.reset()
        }}
      >
        <div className="form">
          <p>{t.access.privacy.confirmWhat}</p>
          <p>{t.access.privacy.confirmKept}</p>
          <p>
            <strong>{t.access.privacy.confirmFinal}</strong>
          </p>
          <ProblemAlert error={erasing.error ?? undefined} />
          <div className="form-actions">
            <Button className="button danger" onPress={() => erasing.mutate()} isDisabled={erasing.isPending}>
              {t.access.privacy.confirmErase}
            </Button>
            <Button slot="close" className="button" autoFocus>
              {t.app.cancel}
            </Button>
          </div>
        </div>
      </FormDialog>
    </section>
  )
}
