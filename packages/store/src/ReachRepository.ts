/**
 * Reach from the database: a project's participations and dissemination are read in
 * keyset-paged batches and folded through the domain's accumulators, so no table is ever held
 * in memory whole. The SQL only selects and joins (the project's rows, each person's survivor,
 * the institution represented, the attended days); every rule is the domain's.
 * @module
 */
import { SqlClient } from "@effect/sql"
import {
  type DisseminationRow,
  type Gender,
  type InstitutionFacts,
  type IsoDate,
  type NamedPersonRow,
  type ParticipationRow,
  ReachAccumulator,
  type ReachProject,
  type ReachSink,
  ReachTimeline,
} from "@coordina/domain"
import { Context, Effect, Layer } from "effect"
import { int } from "./Rows.js"

/** Rows fetched per query; small enough to keep memory flat, large enough to amortise round trips. */
export const reachBatchSize = 5000

const institutionOf = (r: Record<string, unknown>): InstitutionFacts | undefined =>
  r.institutionId == null
    ? undefined
    : {
        id: String(r.institutionId),
        kind: r.institutionKind as InstitutionFacts["kind"],
        level: r.institutionLevel as InstitutionFacts["level"],
        country: String(r.institutionCountry),
        planningRegion: r.institutionRegion == null ? undefined : String(r.institutionRegion),
      }

// Participation rows are read without the client's snake_case → camelCase renaming: on a
// million rows that renaming (and the garbage it makes) costs more than the query itself.
/**
 * A participation row read positionally (`.values`): at a million rows, skipping the per-row
 * object and column-name transformation of the client is most of the cost.
 */
const participationRow = (v: ReadonlyArray<unknown>): ParticipationRow => ({
  personId: String(v[1]),
  gender: v[2] == null ? undefined : (v[2] as Gender),
  eventId: String(v[3]),
  eventKind: v[4] as ParticipationRow["eventKind"],
  eventStartDate: v[5] as IsoDate,
  eventEndDate: v[6] as IsoDate,
  role: v[7] as ParticipationRow["role"],
  institution:
    v[8] == null
      ? undefined
      : {
          id: String(v[8]),
          kind: v[9] as InstitutionFacts["kind"],
          level: v[10] as InstitutionFacts["level"],
          country: String(v[11]),
          planningRegion: v[12] == null ? undefined : String(v[12]),
        },
  attendedDays: v[13] == null || v[13] === "" ? [] : (String(v[13]).split(",") as Array<IsoDate>),
})

const make = (batchSize: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const daysAgg = sql.onDialectOrElse({
      pg: () => sql`string_agg(a.day, ',')`,
      orElse: () => sql`group_concat(a.day, ',')`,
    })

    const raw = sql.withoutTransforms()
    const participationBatch = (projectId: string, after: string) => raw`
    SELECT pa.id, s.id AS person_id, s.gender, pa.event_id, e.kind AS event_kind, e.start_date, e.end_date,
           pa.role, i.id AS institution_id, i.kind AS institution_kind, i.level AS institution_level,
           i.country AS institution_country, i.planning_region AS institution_region,
           (SELECT ${daysAgg} FROM attendance_days a WHERE a.participation_id = pa.id) AS days
    FROM participations pa
    JOIN people p ON p.id = pa.person_id
    JOIN people s ON s.id = p.survivor_id
    JOIN events e ON e.id = pa.event_id
    LEFT JOIN institutions i ON i.id = pa.institution_id
    WHERE pa.project_id = ${projectId} AND pa.id > ${after}
    ORDER BY pa.id LIMIT ${batchSize}`

    const activityBatch = (projectId: string, after: string) => sql`
    SELECT id, date, additional_count, method FROM dissemination_activities
    WHERE project_id = ${projectId} AND id > ${after}
    ORDER BY id LIMIT ${batchSize}`

    const namedBatch = (projectId: string, after: { activityId: string; personId: string }) => sql`
    SELECT n.activity_id, n.person_id AS named_id, d.date, s.id AS person_id, s.gender,
           i.id AS institution_id, i.kind AS institution_kind, i.level AS institution_level,
           i.country AS institution_country, i.planning_region AS institution_region
    FROM dissemination_named n
    JOIN dissemination_activities d ON d.id = n.activity_id
    JOIN people p ON p.id = n.person_id
    JOIN people s ON s.id = p.survivor_id
    LEFT JOIN institutions i ON i.id = s.institution_id
    WHERE d.project_id = ${projectId}
      AND (n.activity_id > ${after.activityId} OR (n.activity_id = ${after.activityId} AND n.person_id > ${after.personId}))
    ORDER BY n.activity_id, n.person_id LIMIT ${batchSize}`

    /** Streams every reach row of a project into `sink`, batch by batch, and returns it. */
    const fold = Effect.fn("ReachRepository.fold")(function* <S extends ReachSink>(
      projectId: string,
      sink: S,
    ) {
      let after = ""
      for (;;) {
        const rows = yield* participationBatch(projectId, after).values
        for (const r of rows) sink.addParticipation(participationRow(r))
        if (rows.length < batchSize) break
        after = String(rows.at(-1)![0])
      }
      after = ""
      for (;;) {
        const rows = yield* activityBatch(projectId, after)
        for (const r of rows)
          sink.addDissemination({
            activityId: String(r.id),
            date: r.date as IsoDate,
            additionalCount: int(r.additionalCount),
            method: r.method as DisseminationRow["method"],
          })
        if (rows.length < batchSize) break
        after = String(rows.at(-1)!.id)
      }
      let named = { activityId: "", personId: "" }
      for (;;) {
        const rows = yield* namedBatch(projectId, named)
        for (const r of rows)
          sink.addNamedPerson({
            activityId: String(r.activityId),
            date: r.date as IsoDate,
            personId: String(r.personId),
            gender: r.gender == null ? undefined : (r.gender as Gender),
            institution: institutionOf(r),
          } satisfies NamedPersonRow)
        if (rows.length < batchSize) break
        const last = rows.at(-1)!
        named = { activityId: String(last.activityId), personId: String(last.namedId) }
      }
      return sink
    }, Effect.orDie)

    /** The reach of a project on `asOf`, with the persons behind every figure. */
    const reach = Effect.fn("ReachRepository.reach")(function* (project: ReachProject, asOf: IsoDate) {
      return (yield* fold(project.id, new ReachAccumulator(project, asOf))).result()
    })

    /** Attendance next to unique persons per event, on `asOf`. */
    const eventAttendance = Effect.fn("ReachRepository.eventAttendance")(function* (
      project: ReachProject,
      asOf: IsoDate,
    ) {
      return (yield* fold(
        project.id,
        new ReachAccumulator(project, asOf, { eventAttendance: true }),
      )).eventAttendance()
    })

    /** The dates each person of a project was reached: series and period figures follow from it. */
    const timeline = Effect.fn("ReachRepository.timeline")(function* (project: ReachProject) {
      return yield* fold(project.id, new ReachTimeline(project))
    })

    return { fold, reach, eventAttendance, timeline } as const
  })

/** Computes reach from the stored records. */
export class ReachRepository extends Context.Tag("@coordina/store/ReachRepository")<
  ReachRepository,
  Effect.Effect.Success<ReturnType<typeof make>>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReachRepository, make(reachBatchSize))
  /** The repository reading `batchSize` rows per query (tests use tiny batches to cross boundaries). */
  static readonly layerWithBatchSize = (batchSize: number) => Layer.effect(ReachRepository, make(batchSize))
}
