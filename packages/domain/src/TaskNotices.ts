/**
 * When a coordination task's institution is told by e-mail: a reminder some working days
 * before the due date (the rule set's `taskReminderWorkingDays`, 3 by default), and a notice on
 * the first day the task is overdue. Pure: the day and the working calendar come in.
 * @module
 */
import { addDays, type IsoDate } from "./CalendarDate.js"
import { isOverdue } from "./CoordinationTask.js"
import { defaultCalendar, isWorkingDay, type WorkingCalendar } from "./WorkingDays.js"

/** The e-mails a task can be due for on a day. */
export type TaskNotice = "task_reminder" | "task_overdue"

/** The working day `n` working days before `date` (`date` itself, or the working day before it, for 0). */
export const workingDaysBefore = (
  date: IsoDate,
  n: number,
  calendar: WorkingCalendar = defaultCalendar,
): IsoDate => {
  let d = date
  // A due date on a day off counts from the working day before it.
  while (!isWorkingDay(d, calendar)) d = addDays(d, -1)
  for (let left = n; left > 0; ) {
    d = addDays(d, -1)
    if (isWorkingDay(d, calendar)) left--
  }
  return d
}

/** The facts about a task that its notices depend on. */
export interface TaskNoticeFacts {
  readonly status: string
  readonly openedOn: IsoDate
  readonly dueDate: IsoDate
  readonly doneOn?: string | undefined
  readonly cancelledOn?: string | undefined
}

/** Whether the task still asks something of its institution on `asOf`. */
const stillOpen = (t: TaskNoticeFacts) => t.status === "open" || t.status === "accepted"

/**
 * The notices due for a task on `asOf`: the reminder on the day {@link workingDaysBefore} its
 * due date (not before it opened), and the overdue notice on the day after the due date. A done,
 * rejected or cancelled task gets neither.
 */
export const taskNoticesOn = (
  t: TaskNoticeFacts,
  asOf: IsoDate,
  reminderWorkingDays: number,
  calendar: WorkingCalendar = defaultCalendar,
): ReadonlyArray<TaskNotice> => {
  if (!stillOpen(t)) return []
  const out: Array<TaskNotice> = []
  const remindOn = workingDaysBefore(t.dueDate, reminderWorkingDays, calendar)
  if (remindOn === asOf && t.openedOn < asOf && asOf <= t.dueDate) out.push("task_reminder")
  if (isOverdue(t, asOf) && !isOverdue(t, addDays(asOf, -1))) out.push("task_overdue")
  return out
}
