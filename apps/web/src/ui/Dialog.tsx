/**
 * Dialogs: a modal with a title (Escape or cancel closes it, focus stays inside) and the
 * confirmation of an irreversible action, which names its consequence and may ask a reason.
 */
import { type ReactNode, useState } from "react"
import { Button, Dialog as AriaDialog, Heading, Modal, ModalOverlay } from "react-aria-components"
import { useI18n } from "../i18n/I18n.js"
import { TextAreaField } from "./Field.js"
import { Problem } from "./Problem.js"

/** A modal dialog with a title. */
export const Dialog = ({
  title,
  isOpen,
  onOpenChange,
  children,
  dismissable = true,
  role = "dialog",
}: {
  readonly title: string
  readonly isOpen: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly children: ReactNode
  readonly dismissable?: boolean
  readonly role?: "dialog" | "alertdialog"
}) => (
  <ModalOverlay
    isOpen={isOpen}
    onOpenChange={onOpenChange}
    isDismissable={dismissable}
    isKeyboardDismissDisabled={!dismissable}
    className="modal-overlay"
  >
    <Modal className="modal">
      <AriaDialog className="dialog" role={role}>
        <Heading slot="title">{title}</Heading>
        {children}
      </AriaDialog>
    </Modal>
  </ModalOverlay>
)

/**
 * Asks before an action that cannot be undone: `consequence` says what will happen, the
 * confirm button names the action. With `reason` the person must give one, which `onConfirm`
 * receives. A refusal from the API stays in the dialog.
 */
export const ConfirmDialog = ({
  title,
  consequence,
  confirmLabel,
  isOpen,
  onOpenChange,
  onConfirm,
  reason = false,
  danger = true,
}: {
  readonly title: string
  readonly consequence: ReactNode
  readonly confirmLabel: string
  readonly isOpen: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly onConfirm: (reason: string) => Promise<unknown> | undefined
  readonly reason?: boolean | string
  readonly danger?: boolean
}) => {
  const { t } = useI18n()
  const [text, setText] = useState("")
  const [missing, setMissing] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [busy, setBusy] = useState(false)
  const close = (open: boolean) => {
    if (!open) {
      setText("")
      setMissing(false)
      setError(undefined)
    }
    onOpenChange(open)
  }
  const confirm = async () => {
    if (reason && text.trim() === "") {
      setMissing(true)
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      await onConfirm(text.trim())
      close(false)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog title={title} isOpen={isOpen} onOpenChange={close} role="alertdialog">
      <div className="consequence">{consequence}</div>
      {reason && (
        <TextAreaField
          label={typeof reason === "string" ? reason : t.ui.dialog.reason}
          value={text}
          onChange={(v) => {
            setText(v)
            setMissing(false)
          }}
          isRequired
          errorMessage={missing ? t.ui.dialog.reasonRequired : undefined}
          autoFocus
        />
      )}
      {error !== undefined && <Problem error={error} />}
      <div className="form-actions">
        <Button className="button" onPress={() => close(false)} isDisabled={busy}>
          {t.ui.dialog.cancel}
        </Button>
        <Button
          className={danger ? "button danger" : "button primary"}
          onPress={() => void confirm()}
          isDisabled={busy}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  )
}
