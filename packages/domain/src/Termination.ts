/**
 * What terminating an agreement does to its plan: every measure not done by the termination
 * date is cancelled from that date, and every task not done is cancelled with the termination as its reason,
 * so no institution is left answering for a plan that no longer runs.
 * @module
 */
import type { Terminated } from "./Agreement.js"
import { CoordinationTask } from "./CoordinationTask.js"
import { Measure, measureStatusOn } from "./IntegrationPlan.js"

/** The reason a termination gives its cancelled measures and tasks: `terminated:<ground>`. */
export const terminationReason = (ground: string): string => `terminated:${ground}`

/** The ground inside a reason written by `terminationReason`, or undefined for any other reason. */
export const terminationGroundOf = (reason: string | undefined): string | undefined =>
  reason?.startsWith("terminated:") ? reason.slice("terminated:".length) : undefined

/** The measures and tasks a termination changes (the others stay as they are). */
export interface TerminationOutcome {
  readonly measures: ReadonlyArray<Measure>
  readonly tasks: ReadonlyArray<CoordinationTask>
}

/**
 * The plan's measures and tasks after `terminated`: a measure not done by the termination date
 * and a task neither done nor already cancelled become cancelled on that date, with the
 * termination (its ground) as the reason; done work keeps its record.
 */
export const afterTermination = (
  terminated: typeof Terminated.Type,
  measures: ReadonlyArray<Measure>,
  tasks: ReadonlyArray<CoordinationTask>,
): TerminationOutcome => {
  const { date, ground } = terminated.data
  const reason = terminationReason(ground)
  return {
    measures: measures
      .filter((m) => {
        const status = measureStatusOn(m, date)
        return status !== "done" && status !== "cancelled"
      })
      // The recorded status stays, so the plan as of a day before the termination still reads as it was.
      .map((m) => new Measure({ ...m, cancelledOn: date, cancelReason: reason })),
    tasks: tasks
      .filter((t) => t.status !== "done" && t.status !== "cancelled")
      .map(
        (t) =>
          new CoordinationTask({
            ...t,
            status: "cancelled",
            cancelledOn: date,
            reason,
            version: t.version + 1,
          }),
      ),
  }
}
