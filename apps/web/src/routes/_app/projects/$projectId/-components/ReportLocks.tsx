import type { PeriodLockList, RevisionList } from "@coordina/domain"
import { useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Button } from "react-aria-components"
import { reportKeys, unlockPeriod } from "@/api/reports.js"
import { useI18n } from "@/i18n/I18n.js"
import { ConfirmDialog, EmptyState, InstantText, Section } from "@/ui/index.js"

type Lock = PeriodLockList["items"][number]

/**
 * Unlocks a period, when the server offers it (`allowedActions`: an admin, a lock in force),
 * after a confirmation that names the consequence and asks the reason the revision keeps.
 */
const UnlockButton = ({ projectId, lock }: { readonly projectId: string; readonly lock: Lock }) => {
  const { t, formatDate } = useI18n()
  const l = t.reports.locks
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  if (!lock.allowedActions.includes("unlock")) return null
  const from = formatDate(lock.periodStart)
  const to = formatDate(lock.periodEnd)
  return (
    <>
      <Button
        className="button small danger"
        aria-label={l.unlockLabel(from, to)}
        onPress={() => setOpen(true)}
      >
        {l.unlock}
      </Button>
      <ConfirmDialog
        title={l.unlockTitle}
        isOpen={open}
        onOpenChange={setOpen}
        confirmLabel={l.confirmUnlock}
        reason={l.unlockReason}
        consequence={<p>{l.unlockConsequence(from, to)}</p>}
        onConfirm={async (reason) => {
          await unlockPeriod(projectId, lock.id, reason)
          await queryClient.invalidateQueries({ queryKey: reportKeys.all })
        }}
      />
    </>
  )
}

/** The project's locked periods: which submitted version locked each, and whether it still holds. */
export const ReportLocks = (props: { readonly projectId: string; readonly locks: PeriodLockList }) => {
  const { t, formatDate } = useI18n()
  const l = t.reports.locks
  return (
    <Section title={l.title} id="report-locks">
      {props.locks.items.length === 0 ? (
        <EmptyState>{l.none}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{l.period}</th>
              <th scope="col">{l.state}</th>
              <th scope="col">{l.lockedAt}</th>
              <th scope="col">{l.reason}</th>
              <th scope="col">{t.reports.list.actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.locks.items.map((lock) => (
              <tr key={lock.id} data-testid={`lock-${lock.id}`}>
                <td>{t.reports.list.period(formatDate(lock.periodStart), formatDate(lock.periodEnd))}</td>
                <td>
                  <span className={`badge ${lock.status === "locked" ? "behind" : "met"}`}>
                    {lock.status === "locked" ? l.locked : l.unlocked}
                  </span>
                </td>
                <td>
                  <InstantText at={lock.lockedAt} />
                </td>
                <td>{lock.reason ?? "—"}</td>
                <td>
                  <UnlockButton projectId={props.projectId} lock={lock} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}

/** Corrections of locked periods made after an unlock: the next report lists them. */
export const ReportRevisions = ({ revisions }: { readonly revisions: RevisionList }) => {
  const { t } = useI18n()
  const r = t.reports.revisions
  return (
    <Section title={r.title} id="report-revisions">
      {revisions.items.length === 0 ? (
        <EmptyState>{r.none}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{r.at}</th>
              <th scope="col">{r.what}</th>
              <th scope="col">{r.by}</th>
              <th scope="col">{r.reason}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.items.map((v) => (
              <tr key={v.id}>
                <td>
                  <InstantText at={v.at} />
                </td>
                <td>
                  <code>{v.entity}</code> {v.change}
                </td>
                <td>{v.unlockedBy}</td>
                <td>{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}
