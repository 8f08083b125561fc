/**
 * The records a funder report reads besides reach: a project's events, the figures of the events
 * of a period (merges resolved, counted in SQL), and dissemination with its named counts. The domain's
 * `reportContent` does the arithmetic; packages/app ReportContents.test.ts checks these queries
 * against the in-memory reference on random records, on both databases.
 * @module
 */
import { SqlClient } from "@effect/sql"
import type {
  AnnexParticipationRecord,
  IsoDate,
  ReportDisseminationRecord,
  ReportEventRecord,
  ReportEventFigures,
} from "@coordina/domain"
import { Context, Effect, Layer } from "effect"
import { int } from "./Rows.js"

const make = Effect.gen(function* () {
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
   * The figures of the events that start in `[start, end]` (see the domain's `eventFigures`),
   * counted in SQL: a row per event, not the 100,000 participations and every person's first
   * attended day that counting them in memory read (0.8 s and most of a worker's garbage).
   * The days counted and the first attended days in grouped passes joined in, not a subquery per
   * participation (100,000 of them took PostgreSQL about 3 s); persons counted by grouping per
   * (event, person) first, as COUNT(DISTINCT …) per event made PostgreSQL sort (report 1.7× slower).
   */
  const eventFigures = Effect.fn("ReportRecordsRepository.eventFigures")(function* (
    projectId: string,
    start: IsoDate,
    end: IsoDate,
  ) {
    const rows = yield* raw`
      WITH days AS (
        SELECT a.participation_id, COUNT(*) AS days
        FROM attendance_days a JOIN participations q ON q.id = a.participation_id
        WHERE q.project_id = ${projectId}
        GROUP BY a.participation_id
      ), first_attended AS (
        SELECT p.survivor_id, MIN(a.day) AS first_day
        FROM participations pa
        JOIN attendance_days a ON a.participation_id = pa.id
        JOIN people p ON p.id = pa.person_id
        WHERE pa.project_id = ${projectId}
        GROUP BY p.survivor_id
      ), per_person AS (
        SELECT pa.event_id, e.start_date, p.survivor_id,
               SUM(CASE WHEN pa.status = 'cancelled' THEN 0 ELSE 1 END) AS registered,
               SUM(CASE WHEN d.days > 0 THEN 1 ELSE 0 END) AS attended
        FROM participations pa
        JOIN events e ON e.id = pa.event_id
        JOIN people p ON p.id = pa.person_id
        LEFT JOIN days d ON d.participation_id = pa.id
        WHERE pa.project_id = ${projectId} AND e.start_date >= ${start} AND e.start_date <= ${end}
        GROUP BY pa.event_id, e.start_date, p.survivor_id
      )
      SELECT h.event_id, SUM(h.registered), SUM(h.attended),
             SUM(CASE WHEN h.attended > 0 THEN 1 ELSE 0 END),
             SUM(CASE WHEN h.attended > 0 AND COALESCE(f.first_day, h.start_date) >= h.start_date THEN 1 ELSE 0 END)
      FROM per_person h LEFT JOIN first_attended f ON f.survivor_id = h.survivor_id
      GROUP BY h.event_id`.values.pipe(Effect.orDie)
    return new Map(
      rows.map((r): [string, ReportEventFigures] => [
        String(r[0]),
        { registered: int(r[1]), attended: int(r[2]), persons: int(r[3]), newPersons: int(r[4]) },
      ]),
    )
  })

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
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReportRecordsRepository, make)
}
