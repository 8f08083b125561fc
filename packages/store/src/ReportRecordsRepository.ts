/**
 * The records a funder report reads besides reach: a project's events, the participations at
 * the events of a period (merges resolved, attended days counted), each of those persons' first
 * attended day in the project, and dissemination with its named counts. The domain's
 * `reportContent` does the arithmetic; ReportRecordsRepository.test.ts checks these queries
 * against the in-memory reference on random records, on both databases.
 * @module
 */
import { SqlClient } from "@effect/sql"
import type {
  AnnexParticipationRecord,
  IsoDate,
  ReportDisseminationRecord,
  ReportEventRecord,
  ReportParticipationRecord,
} from "@coordina/domain"
import { Context, Effect, Layer } from "effect"
import { int } from "./Rows.js"

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

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

  /** Participations at the events that start in `[start, end]`, under their surviving person. */
  const periodParticipations = Effect.fn("ReportRecordsRepository.periodParticipations")(function* (
    projectId: string,
    start: IsoDate,
    end: IsoDate,
  ) {
    const rows = yield* sql`
      SELECT pa.event_id, p.survivor_id, pa.status,
             (SELECT COUNT(*) FROM attendance_days a WHERE a.participation_id = pa.id) AS days
      FROM participations pa
      JOIN events e ON e.id = pa.event_id
      JOIN people p ON p.id = pa.person_id
      WHERE pa.project_id = ${projectId} AND e.start_date >= ${start} AND e.start_date <= ${end}
      ORDER BY pa.id`.pipe(Effect.orDie)
    return rows.map(
      (r): ReportParticipationRecord => ({
        eventId: String(r.eventId),
        personId: String(r.survivorId),
        cancelled: r.status === "cancelled",
        attendedDays: int(r.days),
      }),
    )
  })

  /** For each person who attended an event starting in the period, their first attended day in the project. */
  const firstAttended = Effect.fn("ReportRecordsRepository.firstAttended")(function* (
    projectId: string,
    start: IsoDate,
    end: IsoDate,
  ) {
    const rows = yield* sql`
      SELECT p.survivor_id, MIN(a.day) AS first_day
      FROM participations pa
      JOIN attendance_days a ON a.participation_id = pa.id
      JOIN people p ON p.id = pa.person_id
      WHERE pa.project_id = ${projectId} AND p.survivor_id IN (
        SELECT q.survivor_id FROM participations pb
        JOIN events e ON e.id = pb.event_id
        JOIN people q ON q.id = pb.person_id
        WHERE pb.project_id = ${projectId} AND e.start_date >= ${start} AND e.start_date <= ${end})
      GROUP BY p.survivor_id`.pipe(Effect.orDie)
    return new Map(rows.map((r) => [String(r.survivorId), r.firstDay as IsoDate]))
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

  return { events, periodParticipations, firstAttended, dissemination, annexParticipations } as const
})

/** Reads what a report needs besides reach. */
export class ReportRecordsRepository extends Context.Tag("@coordina/store/ReportRecordsRepository")<
  ReportRecordsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReportRecordsRepository, make)
}
