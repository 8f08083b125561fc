/**
 * The working calendar as a use case: the Council of Ministers decisions an admin keeps (each
 * change in one transaction with its audit entry), and the calendar every deadline is counted
 * on, read from the database.
 * @module
 */
import {
  type CalendarDecision,
  type CalendarDateTaken,
  type CalendarDecisionNotFound,
  type CalendarDecisionVersionStale,
  type StoredCalendarDecision,
  type WorkingCalendar,
  workingCalendar,
} from "@coordina/domain"
import type * as SqlClient from "@effect/sql/SqlClient"
import { AuditLog, CalendarRepository } from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { type Ids, nextId } from "./Ids.js"
import { nowIso, type Today } from "./Today.js"
import { createAudited, transaction } from "./Transaction.js"

/** The calendar's decisions and the calendar they make. */
export class Calendar extends Context.Tag("@coordina/app/Calendar")<
  Calendar,
  {
    /** Every decision, in date order. */
    readonly list: Effect.Effect<ReadonlyArray<StoredCalendarDecision>>
    /** The working calendar of the stored decisions: what deadlines are counted on. */
    readonly current: Effect.Effect<WorkingCalendar>
    /** Adds a decision (audited as `create`); another one on that day is a conflict. */
    readonly create: (
      actor: string,
      input: CalendarDecision,
    ) => Effect.Effect<StoredCalendarDecision, CalendarDateTaken>
    /** Changes a decision read at `expectedVersion` (audited as `update`, before and after). */
    readonly update: (
      actor: string,
      id: string,
      expectedVersion: number,
      input: CalendarDecision,
    ) => Effect.Effect<
      StoredCalendarDecision,
      CalendarDecisionNotFound | CalendarDecisionVersionStale | CalendarDateTaken
    >
    /** Removes a decision (audited as `delete`, with what it was). */
    readonly remove: (actor: string, id: string) => Effect.Effect<void, CalendarDecisionNotFound>
  }
>() {
  /** Over the store, the clock and the ids of the process. */
  static layer: Layer.Layer<
    Calendar,
    never,
    CalendarRepository | AuditLog | SqlClient.SqlClient | Ids | Today
  > = Layer.effect(
    Calendar,
    Effect.gen(function* () {
      const context = yield* Effect.context<
        CalendarRepository | AuditLog | SqlClient.SqlClient | Ids | Today
      >()
      const repository = yield* CalendarRepository
      const audit = yield* AuditLog
      const entity = (id: string) => `calendar_decision:${id}`
      const list = repository.list()
      return {
        list,
        current: Effect.map(list, workingCalendar),
        create: (actor, input) =>
          createAudited(
            actor,
            "calendar_decision",
            Effect.gen(function* () {
              return yield* repository.create(yield* nextId("cal"), input, yield* nowIso)
            }),
          ).pipe(Effect.provide(context)),
        update: (actor, id, expectedVersion, input) =>
          transaction(
            Effect.gen(function* () {
              const before = yield* repository.get(id)
              const after = yield* repository.update(id, expectedVersion, input, yield* nowIso)
              yield* audit.record({ actor, action: "update", entity: entity(id), before, after })
              return after
            }),
          ).pipe(Effect.provide(context)),
        remove: (actor, id) =>
          transaction(
            Effect.gen(function* () {
              const before = yield* repository.remove(id)
              yield* audit.record({ actor, action: "delete", entity: entity(id), before })
            }),
          ).pipe(Effect.provide(context)),
      }
    }),
  )
}

/** The working calendar deadlines are counted on: the stored decisions. */
export const currentCalendar: Effect.Effect<WorkingCalendar, never, Calendar> = Effect.flatMap(
  Calendar,
  (c) => c.current,
)
