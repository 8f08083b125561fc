import type { ReactNode } from "react"
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components"

/** A modal dialog with a title; Escape or the cancel button closes it, focus stays inside. */
export const FormDialog = ({
  title,
  isOpen,
  onOpenChange,
  children,
  dismissable = true,
  role = "dialog",
}: {
  title: string
  isOpen: boolean
  onOpenChange: (open: boolean) => void
  children: ReactNode
  dismissable?: boolean
  role?: "dialog" | "alertdialog"
}) => (
  <ModalOverlay
    isOpen={isOpen}
    onOpenChange={onOpenChange}
    isDismissable={dismissable}
    isKeyboardDismissDisabled={!dismissable}
    className="modal-overlay"
  >
    <Modal className="modal">
      <Dialog className="dialog" role={role}>
        <Heading slot="title">{title}</Heading>
        {children}
      </Dialog>
    </Modal>
  </ModalOverlay>
)
