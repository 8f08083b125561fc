/** What a list shows when it has nothing to show, with an optional next step. */
import type { ReactNode } from "react"
import { useI18n } from "../i18n/I18n.js"

/** The empty state of a list or panel. */
export const EmptyState = ({
  children,
  action,
}: {
  readonly children?: ReactNode
  readonly action?: ReactNode
}) => {
  const { t } = useI18n()
  return (
    <div className="empty-state">
      <p className="muted">{children ?? t.ui.empty}</p>
      {action}
    </div>
  )
}
