/**
 * The records a funder report reads besides reach: a project's events, the figures of the events
 * of a period (merges resolved, counted over paged rows), and dissemination with its named counts. The domain's
 * `reportContent` does the arithmetic; packages/app ReportContents.test.ts checks these queries
 * against the in-memory reference on random records, on both databases.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type {
  AnnexParticipationRecord,
  IsoDate,
  ReportDisseminationRecord,
  ReportEventRecord,
  ReportEventFigures,
} from "@coordina/domain"
import { Context, Effect, Layer } from "effect"
import { int } from "./Rows.js"

/** Participations read per query for event figures. */
export const eventFiguresBatchSize = 5000

const make = (batchSize: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // The grouped query reads plain value arrays: no column-name transform for what it only counts.
    const raw = sql.withoutTransforms()

    const events = Effect.fn("ReportRecordsRepository.events")(function* (projectId: string) {
      const rows = yield* sql`
      SELECT id, kind, title, start_date, end_date, city FROM events WHERE project_id = ${projectId}
      ORDER BY start_date, id`.pipe(Effect.orDie)
      return rows.map(
        (r): ReportEventRecord => ({
          id: String(r.id),
          kind: String(r.kind),
          title: String(r.title),
          startDate: r.startDate as IsoDate,
          endDate: r.endDate as IsoDate,
          city: String(r.city),
        }),
      )
    })

    /**
     * The figures of the events that start in `[start, end]` (see the domain's `eventFigures`):
     * the project's participations read in keyset-paged batches, each with its first attended day
     * (one index seek: the attendance key is (participation, day)), and counted here. Grouping them
     * in SQL (per participation, per person and event, then per event) cost SQLite more than twice
     * this, and three times the reach the report is measured against.
     */
    const eventFigures = Effect.fn("ReportRecordsRepository.eventFigures")(function* (
      projectId: string,
      start: IsoDate,
      end: IsoDate,
    ) {
      // A person not merged is their own survivor; the merged are few, so they are looked up.
      const survivors = new Map(
        (yield* raw`SELECT id, survivor_id FROM people WHERE merged_into IS NOT NULL`.values).map(
          (r): [string, string] => [String(r[0]), String(r[1])],
        ),
      )
      const held = new Map(
        (yield* raw`
        SELECT id, start_date FROM events
        WHERE project_id = ${projectId} AND start_date >= ${start} AND start_date <= ${end}`.values).map(
          (
            r,
          ): [
            string,
            { start: string; seen: boolean; registered: number; attended: number; persons: Set<string> },
          ] => [
            String(r[0]),
            { start: String(r[1]), seen: false, registered: 0, attended: 0, persons: new Set() },
          ],
        ),
      )
      // Each person's first attended day at any event of the project, in the period or not.
      const firstAttended = new Map<string, string>()
      let after = ""
      for (;;) {
        const rows = yield* raw`
        SELECT pa.id, pa.event_id, pa.person_id, pa.status,
               (SELECT MIN(a.day) FROM attendance_days a WHERE a.participation_id = pa.id)
        FROM participations pa
        WHERE pa.project_id = ${projectId} AND pa.id > ${after}
        ORDER BY pa.id LIMIT ${batchSize}`.values
        for (const r of rows) {
          const personId = String(r[2])
          const survivor = survivors.get(personId) ?? personId
          const firstDay = r[4] == null ? undefined : String(r[4])
          const event = held.get(String(r[1]))
          if (event !== undefined) {
            event.seen = true
            if (r[3] !== "cancelled") event.registered++
          }
          if (firstDay === undefined) continue
          if (event !== undefined) {
            event.attended++
            event.persons.add(survivor)
          }
          const known = firstAttended.get(survivor)
          if (known === undefined || firstDay < known) firstAttended.set(survivor, firstDay)
        }
        if (rows.length < batchSize) break
        after = String(rows.at(-1)![0])
      }
      const figures = new Map<string, ReportEventFigures>()
      for (const [id, e] of held) {
        // As before: an event with no participation has no figures (the domain reads zeros).
        if (!e.seen) continue
        let newPersons = 0
        for (const p of e.persons) if ((firstAttended.get(p) ?? e.start) >= e.start) newPersons++
        figures.set(id, {
          registered: e.registered,
          attended: e.attended,
          persons: e.persons.size,
          newPersons,
        })
      }
      return figures
    }, Effect.orDie)

    const dissemination = Effect.fn("ReportRecordsRepository.dissemination")(function* (
      projectId: string,
      start: IsoDate,
      end: IsoDate,
    ) {
      const rows = yield* sql`
      SELECT d.id, d.kind, d.date, d.title, d.additional_count, d.method,
             (SELECT COUNT(*) FROM dissemination_named n WHERE n.activity_id = d.id) AS named
      FROM dissemination_activities d
      WHERE d.project_id = ${projectId} AND d.date >= ${start} AND d.date <= ${end}
      ORDER BY d.date, d.id`.pipe(Effect.orDie)
      return rows.map(
        (r): ReportDisseminationRecord => ({
          id: String(r.id),
          kind: String(r.kind),
          date: r.date as IsoDate,
          title: String(r.title),
          named: int(r.named),
          additionalCount: int(r.additionalCount),
          method: r.method as ReportDisseminationRecord["method"],
        }),
      )
    })

    /**
     * An attendance annex's participations at the events that start in `[start, end]`: the
     * surviving person's names (the domain keeps only their initials), erased or not, the
     * institution represented, role, status and attended days.
     */
    const annexParticipations = Effect.fn("ReportRecordsRepository.annexParticipations")(function* (
      projectId: string,
      start: IsoDate,
      end: IsoDate,
    ) {
      const rows = yield* sql`
      SELECT pa.id, pa.event_id, q.given_name, q.family_name, q.erased_at, i.name AS institution,
             pa.role, pa.status
      FROM participations pa
      JOIN events e ON e.id = pa.event_id
      JOIN people p ON p.id = pa.person_id
      JOIN people q ON q.id = p.survivor_id
      JOIN institutions i ON i.id = pa.institution_id
      WHERE pa.project_id = ${projectId} AND e.start_date >= ${start} AND e.start_date <= ${end}
      ORDER BY pa.id`.pipe(Effect.orDie)
      const days = yield* sql`
      SELECT a.participation_id, a.day
      FROM attendance_days a
      JOIN participations pa ON pa.id = a.participation_id
      JOIN events e ON e.id = pa.event_id
      WHERE pa.project_id = ${projectId} AND e.start_date >= ${start} AND e.start_date <= ${end}
      ORDER BY a.participation_id, a.day`.pipe(Effect.orDie)
      const daysOf = new Map<string, Array<IsoDate>>()
      for (const d of days) {
        const id = String(d.participationId)
        const list = daysOf.get(id)
        if (list) list.push(d.day as IsoDate)
        else daysOf.set(id, [d.day as IsoDate])
      }
      return rows.map(
        (r): AnnexParticipationRecord => ({
          participationId: String(r.id),
          eventId: String(r.eventId),
          givenName: String(r.givenName),
          familyName: String(r.familyName),
          erased: r.erasedAt != null,
          institution: String(r.institution),
          role: String(r.role),
          status: String(r.status),
          days: daysOf.get(String(r.id)) ?? [],
        }),
      )
    })

    return { events, eventFigures, dissemination, annexParticipations } as const
  })

/** Reads what a report needs besides reach. */
export class ReportRecordsRepository extends Context.Tag("@coordina/store/ReportRecordsRepository")<
  ReportRecordsRepository,
  Effect.Effect.Success<ReturnType<typeof make>>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReportRecordsRepository, make(eventFiguresBatchSize))
  /** The repository reading `batchSize` participations per query (tests use tiny batches to cross boundaries). */
  static readonly layerWithBatchSize = (batchSize: number) =>
    Layer.effect(ReportRecordsRepository, make(batchSize))
}
