/**
 * Reach from the database. Series and attendance fold a project's participations and
 * dissemination, read in keyset-paged batches, through the domain's accumulators, so no table
 * is ever held in memory whole. Reach on one date reads one row per reached person: the domain
 * turns its rules into plain data ({@link qualificationCriteria}: the roles that count, the
 * target group's institution ids, the attended days each event requires) and the SQL only
 * selects, per survivor, the first participation that meets them, ordered as the domain orders
 * them. ReachRepository.test.ts checks it against the pure rules on random records, on both
 * databases.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  type DisseminationRow,
  type EventKind,
  type Gender,
  type InstitutionFacts,
  type IsoDate,
  type NamedPersonRow,
  type ParticipationRow,
  type QualificationCriteria,
  qualificationCriteria,
  ReachAccumulator,
  type ReachProject,
  type ReachReport,
  type ReachResult,
  type ReachSink,
  ReachTimeline,
  toReachReport,
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

/** Persons per string of first qualifications read from the database. */
export const reachChunkSize = 2000

/**
 * Reach results kept per repository (API process), each the latest version of a project on
 * one date: a few projects and dates at once, since one result holds every reached person.
 */
export const reachCacheEntries = 4

/**
 * Persons all cached results may hold together (about 35 MB): the benchmark's project of
 * 200,000 persons and a small one beside it. At 150,000 the small project's result evicted the
 * big one's and the other way round, so under the 50-client mix each read of one recomputed it
 * (13 s on SQLite, with every other request waiting).
 */
export const reachCachePersons = 250_000

/** Target-group institutions bound one parameter each on PostgreSQL; beyond, one JSON parameter. */
export const reachValuesLimit = 30_000

const make = (
  batchSize: number,
  chunkSize = reachChunkSize,
  valuesLimit = reachValuesLimit,
  cacheEntries = reachCacheEntries,
  cachePersons = reachCachePersons,
) =>
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

    const foldParticipations = (projectId: string, sink: ReachSink) =>
      Effect.gen(function* () {
        let after = ""
        for (;;) {
          const rows = yield* participationBatch(projectId, after).values
          for (const r of rows) sink.addParticipation(participationRow(r))
          if (rows.length < batchSize) break
          after = String(rows.at(-1)![0])
        }
      })

    const foldDissemination = (projectId: string, sink: ReachSink) =>
      Effect.gen(function* () {
        let after = ""
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
      })

    /** Streams every reach row of a project into `sink`, batch by batch, and returns it. */
    const fold = Effect.fn("ReachRepository.fold")(function* <S extends ReachSink>(
      projectId: string,
      sink: S,
    ) {
      yield* foldParticipations(projectId, sink)
      yield* foldDissemination(projectId, sink)
      return sink
    }, Effect.orDie)

    const institutionFacts = Effect.gen(function* () {
      const rows = yield* raw`SELECT id, kind, level, country, planning_region FROM institutions`.values
      return new Map(
        rows.map((v): [string, InstitutionFacts] => [
          String(v[0]),
          {
            id: String(v[0]),
            kind: v[1] as InstitutionFacts["kind"],
            level: v[2] as InstitutionFacts["level"],
            country: String(v[3]),
            planningRegion: v[4] == null ? undefined : String(v[4]),
          },
        ]),
      )
    })

    const projectEvents = (projectId: string) =>
      raw`SELECT id, kind, start_date, end_date FROM events WHERE project_id = ${projectId}`.values.pipe(
        Effect.map((rows) =>
          rows.map((v) => ({
            id: String(v[0]),
            kind: v[1] as EventKind,
            startDate: v[2] as IsoDate,
            endDate: v[3] as IsoDate,
          })),
        ),
      )

    // The target group's institutions. PostgreSQL gets a VALUES list, whose row count its
    // planner knows (it misjudges a JSON array as 100 rows, which cost 4× in the benchmark);
    // past `valuesLimit` ids (bound parameters are capped at 65535), and on SQLite, whose
    // planner does well with it, the list is ONE bound parameter: a JSON array.
    const jsonStrings = (ids: ReadonlyArray<string>) =>
      sql.onDialectOrElse({
        pg: () => sql`SELECT json_array_elements_text(CAST(${JSON.stringify(ids)} AS json))`,
        orElse: () => sql`SELECT value FROM json_each(${JSON.stringify(ids)})`,
      })
    const idList = (ids: ReadonlyArray<string>) =>
      sql.onDialectOrElse({
        pg: () =>
          ids.length > 0 && ids.length <= valuesLimit
            ? sql`SELECT id FROM (VALUES ${sql.join(", ", false)(ids.map((id) => sql`(${id})`))}) AS t(id)`
            : jsonStrings(ids),
        orElse: () => jsonStrings(ids),
      })
    const jsonNeeds = (needs: QualificationCriteria["requiredDays"]) => {
      const json = JSON.stringify(needs.map((r) => ({ event_id: r.eventId, days: r.days })))
      return sql.onDialectOrElse({
        pg: () =>
          sql`SELECT * FROM json_to_recordset(CAST(${json} AS json)) AS t(event_id text, days integer)`,
        orElse: () =>
          sql`SELECT json_extract(value, '$.event_id') AS event_id, json_extract(value, '$.days') AS days FROM json_each(${json})`,
      })
    }
    // Ids compare bytewise, as the domain compares them, whatever the database's locale.
    const bytewise = sql.onDialectOrElse({
      pg: () => sql.literal(`COLLATE "C"`),
      orElse: () => sql.literal(""),
    })
    const text = (s: string) => sql`CAST(${s} AS TEXT)`
    // The domain's order (day, event id, institution id) as one string: the day has a fixed
    // width and the separator sorts below every character of an id, so MIN over the string
    // picks the same participation as comparing the three in turn.
    const field = "\u0001"
    const line = "\u0002"
    const orderKey = (day: string) =>
      sql`MIN((${sql.literal(day)} || ${text(field)} || pa.event_id || ${text(field)} || pa.institution_id) ${bytewise})`

    /**
     * Per survivor, the first qualifying participation: `person, gender, day, event, institution`.
     * When every event needs one attended day, a participation qualifies as soon as one of its
     * days is on or before `asOf`, so one GROUP BY over the attended days does; otherwise the
     * days are counted per participation first. One line per person, joined into strings of
     * `chunkSize` lines: the API then holds a few strings rather than a row, an array and a
     * string per column per person (a row per person doubled the API's peak memory on SQLite).
     */
    const firstQualifications = (projectId: string, asOf: IsoDate, criteria: QualificationCriteria) => {
      const where = sql`pa.project_id = ${projectId} AND pa.role IN ${sql.in(criteria.roles)}
        AND a.day <= ${asOf} AND pa.institution_id IN (${idList(criteria.institutionIds)})`
      const firsts =
        criteria.requiredDays.length === 0
          ? sql`
        SELECT p.survivor_id AS person_id, ${orderKey("a.day")} AS k
        FROM participations pa
        JOIN attendance_days a ON a.participation_id = pa.id
        JOIN people p ON p.id = pa.person_id
        WHERE ${where}
        GROUP BY p.survivor_id`
          : sql`
        SELECT p.survivor_id AS person_id, ${orderKey("pa.first_day")} AS k
        FROM (
          SELECT pa.person_id, pa.event_id, pa.institution_id, MIN(a.day ${bytewise}) AS first_day
          FROM participations pa
          JOIN attendance_days a ON a.participation_id = pa.id
          LEFT JOIN (${jsonNeeds(criteria.requiredDays)}) n ON n.event_id = pa.event_id
          WHERE ${where}
          GROUP BY pa.id, pa.person_id, pa.event_id, pa.institution_id, n.days
          HAVING COUNT(*) >= COALESCE(n.days, 1)
        ) pa
        JOIN people p ON p.id = pa.person_id
        GROUP BY p.survivor_id`
      const lines = sql`
        SELECT f.person_id || ${text(field)} || COALESCE(s.gender, '') || ${text(field)} || f.k AS line
        FROM (${firsts}) f JOIN people s ON s.id = f.person_id`
      const concat = sql.onDialectOrElse({
        pg: () => sql`string_agg(l.line, ${text(line)})`,
        orElse: () => sql`group_concat(l.line, ${text(line)})`,
      })
      return raw`
        SELECT ${concat} FROM (
          SELECT line, (ROW_NUMBER() OVER () - 1) / ${sql.literal(String(Math.trunc(chunkSize)))} AS chunk
          FROM (${lines}) x
        ) l GROUP BY l.chunk`.values
    }

    const computeReach = Effect.fn("ReachRepository.computeReach")(function* (
      project: ReachProject,
      asOf: IsoDate,
    ) {
      const institutions = yield* institutionFacts
      const events = new Map((yield* projectEvents(project.id)).map((e) => [e.id, e]))
      const criteria = qualificationCriteria(project, institutions.values(), events.values())
      const acc = new ReachAccumulator(project, asOf)
      // Shared day strings: a few hundred distinct days for a hundred thousand persons.
      const days = new Map<string, IsoDate>()
      const chunks =
        criteria.institutionIds.length === 0 ? [] : yield* firstQualifications(project.id, asOf, criteria)
      for (const [chunk] of chunks) {
        for (const l of String(chunk).split(line)) {
          const [personId, gender, day, eventId, institutionId] = l.split(field) as [
            string,
            string,
            string,
            string,
            string,
          ]
          const event = events.get(eventId)
          const institution = institutions.get(institutionId)
          if (!event || !institution)
            return yield* Effect.dieMessage(`reach: unknown event ${eventId} or institution ${institutionId}`)
          let shared = days.get(day)
          if (shared === undefined) {
            shared = day as IsoDate
            days.set(day, shared)
          }
          acc.addFirstQualification({
            personId,
            gender: gender === "" ? undefined : (gender as Gender),
            day: shared,
            eventId: event.id,
            eventKind: event.kind,
            institution,
          })
        }
      }
      yield* foldDissemination(project.id, acc)
      return acc.result()
    })

    /**
     * The versions of the data a project's reach reads (see migration 0600): the project's own
     * and the one every project shares. The database moves them in every writing transaction.
     */
    const dataVersion = (projectId: string) =>
      sql`SELECT scope, version FROM reach_data_versions WHERE scope IN (${"*"}, ${projectId})`.values.pipe(
        Effect.map((rows) => {
          const of = (scope: string) => String(rows.find((r) => r[0] === scope)?.[1] ?? 0)
          return `${of("*")}.${of(projectId)}`
        }),
      )

    // Results under the data version they were computed at: a write moves the version, so an
    // entry is never served for data it does not reflect, and entries of a project's older
    // versions are dropped as soon as a newer one is seen. Concurrent requests for one key
    // share one computation. The project's own fields are part of the key, since callers pass
    // the project in.
    // Each entry also keeps its report, worked out once: over a hundred thousand persons the
    // breakdowns cost more than serving them. Entries are bounded by count and by the persons
    // they hold (the newest is kept even when it alone exceeds the budget).
    interface Entry {
      readonly result: Effect.Effect<{ readonly result: ReachResult; readonly report: ReachReport }>
      /** The persons it holds, once computed (0 before). */
      readonly persons: () => number
    }
    const cache = new Map<string, Entry>()
    const evict = () => {
      let persons = 0
      for (const e of cache.values()) persons += e.persons()
      // The oldest entries go first: Map iterates in insertion order.
      for (const [old, e] of cache) {
        if (cache.size <= 1 || (cache.size <= cacheEntries && persons <= cachePersons)) break
        cache.delete(old)
        persons -= e.persons()
      }
    }

    const cached = Effect.fn("ReachRepository.cached")(function* (project: ReachProject, asOf: IsoDate) {
      const scope = `${project.id}|${yield* dataVersion(project.id)}|`
      const key = `${scope}${asOf}|${JSON.stringify(project)}`
      let entry = cache.get(key)
      if (entry === undefined) {
        for (const old of cache.keys())
          if (old.startsWith(`${project.id}|`) && !old.startsWith(scope)) cache.delete(old)
        let persons = 0
        const result = yield* Effect.cached(
          computeReach(project, asOf).pipe(
            Effect.map((result) => ({ result, report: toReachReport(result) })),
            Effect.tap(({ result }) =>
              Effect.sync(() => {
                persons = result.direct.size + result.indirectNamed.size
                evict()
              }),
            ),
            Effect.orDie,
          ),
        )
        entry = { result, persons: () => persons }
        cache.set(key, entry)
        evict()
      }
      return yield* entry.result.pipe(Effect.tapErrorCause(() => Effect.sync(() => cache.delete(key))))
    })

    /** The reach of a project on `asOf`, with the persons behind every figure. */
    const reach = Effect.fn("ReachRepository.reach")(function* (project: ReachProject, asOf: IsoDate) {
      return (yield* cached(project, asOf)).result
    }, Effect.orDie)

    /** The reach report of a project on `asOf` (`toReachReport` of {@link reach}), kept with it. */
    const report = Effect.fn("ReachRepository.report")(function* (project: ReachProject, asOf: IsoDate) {
      return (yield* cached(project, asOf)).report
    }, Effect.orDie)

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

    /**
     * The timeline for dates up to `asOf`, built from the reach on `asOf` (computed once and kept
     * with it) when every event needs one attended day: a person's first qualifying day is then
     * the first day of their attribution, so a report's chart costs no second pass over the
     * participations. When some event needs more days, the day a person qualifies is not in the
     * result, and the timeline is folded from every participation as {@link timeline} does.
     */
    const timelineUpTo = Effect.fn("ReachRepository.timelineUpTo")(function* (
      project: ReachProject,
      asOf: IsoDate,
    ) {
      const institutions = yield* institutionFacts
      const events = yield* projectEvents(project.id)
      const criteria = qualificationCriteria(project, institutions.values(), events)
      if (criteria.requiredDays.length > 0) return yield* fold(project.id, new ReachTimeline(project))
      const result = yield* reach(project, asOf)
      const timeline = new ReachTimeline(project)
      for (const a of result.direct.values()) timeline.addReached(a.personId, a.day)
      yield* foldDissemination(project.id, timeline)
      return timeline
    }, Effect.orDie)

    return { fold, reach, report, eventAttendance, timeline, timelineUpTo } as const
  })

/** Computes reach from the stored records. */
export class ReachRepository extends Context.Tag("@coordina/store/ReachRepository")<
  ReachRepository,
  Effect.Effect.Success<ReturnType<typeof make>>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReachRepository, make(reachBatchSize))
  /** The repository reading `batchSize` rows per query (tests use tiny batches to cross boundaries). */
  static readonly layerWithBatchSize = (batchSize: number, chunkSize?: number, valuesLimit?: number) =>
    Layer.effect(ReachRepository, make(batchSize, chunkSize, valuesLimit))
}
