import type { TaskView } from "@coordina/domain"
import { Link } from "@tanstack/react-router"
import { useMemo } from "react"
import { DaysLeft, useLabels } from "@/components/agreements/Shared.js"
import { TaskActions } from "@/components/agreements/TaskActions.js"
import { useI18n } from "@/i18n/I18n.js"
import type { Column } from "@/ui/index.js"

/** The columns of a task list: institution, area, agreement, dates, status and (optionally) actions. */
export const useTaskColumns = (withActions: boolean): ReadonlyArray<Column<TaskView>> => {
  const { t, formatDate } = useI18n()
  const tt = t.agreements.task
  const labels = useLabels()
  return useMemo(
    () => [
      {
        id: "institution",
        header: tt.institution,
        cell: ({ row }) => labels.institution(row.original.institutionId),
      },
      { id: "area", header: tt.area, cell: ({ row }) => labels.code(row.original.area) },
      {
        id: "agreement",
        header: tt.agreement,
        cell: ({ row }) => (
          <Link to="/agreements/$agreementId" params={{ agreementId: row.original.agreementId }}>
            {row.original.agreementId}
          </Link>
        ),
      },
      { id: "openedOn", header: tt.openedOn, cell: ({ row }) => formatDate(row.original.openedOn) },
      {
        id: "dueDate",
        header: tt.dueDate,
        cell: ({ row }) => <DaysLeft date={row.original.dueDate} done={row.original.status === "done"} />,
      },
      {
        id: "status",
        header: tt.status,
        cell: ({ row }) => {
          const task = row.original
          return (
            <>
              <span className={`badge task-${task.status}`}>{t.agreements.taskStatus[task.status]}</span>
              {task.overdue && <span className="badge late-flag">{tt.overdue}</span>}
              {task.escalateTo && <span className="badge escalated">{tt.escalated}</span>}
              {task.reason && (
                <div className="small">
                  {tt.reason}: {task.reason}
                </div>
              )}
              {task.outcome && (
                <div className="small">
                  {tt.outcome}: {task.outcome}
                </div>
              )}
            </>
          )
        },
      },
      ...(withActions
        ? [
            {
              id: "actions",
              header: t.agreements.case.actions,
              cell: ({ row }: { row: { original: TaskView } }) => (
                <TaskActions task={row.original} label={tt.actionsFor(labels.code(row.original.area))} />
              ),
            } satisfies Column<TaskView>,
          ]
        : []),
    ],
    [t, tt, labels, formatDate, withActions],
  )
}
