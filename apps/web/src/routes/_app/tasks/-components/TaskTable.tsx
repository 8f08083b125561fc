import type { TaskView } from "@coordina/domain"
import { Link } from "@tanstack/react-router"
import { DaysLeft, useLabels } from "@/components/agreements/Shared.js"
import { TaskActions } from "@/components/agreements/TaskActions.js"
import { useI18n } from "@/i18n/I18n.js"

/** Coordination tasks with their agreement, due date and status, and (optionally) their actions. */
export const TaskTable = ({
  tasks,
  caption,
  showInstitution,
  withActions,
}: {
  tasks: ReadonlyArray<TaskView>
  caption: string
  showInstitution: boolean
  withActions: boolean
}) => {
  const { t, formatDate } = useI18n()
  const tt = t.agreements.task
  const labels = useLabels()
  return (
    <table className="table" aria-label={caption}>
      <thead>
        <tr>
          {showInstitution && <th scope="col">{tt.institution}</th>}
          <th scope="col">{tt.area}</th>
          <th scope="col">{tt.agreement}</th>
          <th scope="col">{tt.openedOn}</th>
          <th scope="col">{tt.dueDate}</th>
          <th scope="col">{tt.status}</th>
          {withActions && <th scope="col">{t.agreements.case.actions}</th>}
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const area = labels.code(task.area)
          return (
            <tr key={task.id} className={task.overdue ? "overdue-row" : undefined} data-task={task.id}>
              {showInstitution && <td>{labels.institution(task.institutionId)}</td>}
              <td>{area}</td>
              <td>
                <Link to="/agreements/$agreementId" params={{ agreementId: task.agreementId }}>
                  {task.agreementId}
                </Link>
              </td>
              <td>{formatDate(task.openedOn)}</td>
              <td>
                <DaysLeft date={task.dueDate} done={task.status === "done"} />
              </td>
              <td>
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
              </td>
              {withActions && (
                <td>
                  <TaskActions task={task} label={tt.actionsFor(area)} />
                </td>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
