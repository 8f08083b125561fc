/**
 * Participations: who was registered for which event, representing which institution, in
 * which role, and which days they attended.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  AlreadyRegistered,
  checkAttendedDays,
  EventNotFound,
  InstitutionNotFound,
  type IsoDate,
  type NewParticipation,
  Participation,
  ParticipationNotFound,
  ParticipationVersionStale,
  PersonNotFound,
} from "@coordina/domain"
import { Context, DateTime, Effect, Either, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { inScope, int, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Participation)

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const daysOf = (ids: ReadonlyArray<string>) =>
    ids.length === 0
      ? Effect.succeed(new Map<string, Array<string>>())
      : sql`SELECT participation_id, day FROM attendance_days WHERE ${sql.in("participation_id", ids)}
            ORDER BY participation_id, day`.pipe(
          Effect.map((rows) => {
            const out = new Map<string, Array<string>>()
            for (const r of rows) {
              const id = String(r.participationId)
              const list = out.get(id)
              if (list) list.push(String(r.day))
              else out.set(id, [String(r.day)])
            }
            return out
          }),
        )

  const assemble = (rows: ReadonlyArray<Record<string, unknown>>) =>
    Effect.gen(function* () {
      const days = yield* daysOf(rows.map((r) => String(r.id)))
      return rows.map((r) =>
        decode({
          id: r.id,
          eventId: r.eventId,
          personId: r.personId,
          role: r.role,
          status: r.status,
          institutionId: r.institutionId,
          attendedDays: days.get(String(r.id)) ?? [],
          version: int(r.version),
        }),
      )
    }).pipe(Effect.orDie)

  const eventOf = (eventId: string) =>
    sql`SELECT id, project_id, start_date, end_date FROM events WHERE id = ${eventId}`.pipe(
      Effect.orDie,
      Effect.flatMap((rows) =>
        rows[0]
          ? Effect.succeed({
              id: String(rows[0].id),
              projectId: String(rows[0].projectId),
              startDate: String(rows[0].startDate) as IsoDate,
              endDate: String(rows[0].endDate) as IsoDate,
            })
          : Effect.fail(new EventNotFound({ eventId })),
      ),
    )

  /** The participation of a person at an event, if there is one. */
  const find = Effect.fn("ParticipationsRepository.find")(function* (eventId: string, personId: string) {
    const rows =
      yield* sql`SELECT * FROM participations WHERE event_id = ${eventId} AND person_id = ${personId}`.pipe(
        Effect.orDie,
      )
    if (!rows[0]) return Option.none<Participation>()
    return Option.some((yield* assemble(rows))[0]!)
  })

  const get = Effect.fn("ParticipationsRepository.get")(function* (eventId: string, personId: string) {
    const found = yield* find(eventId, personId)
    if (Option.isNone(found)) return yield* new ParticipationNotFound({ eventId, personId })
    return found.value
  })

  /**
   * Registers a person for an event; the institution represented defaults to the person's
   * institution at registration.
   */
  const register = Effect.fn("ParticipationsRepository.register")(function* (
    eventId: string,
    input: NewParticipation,
    id = newId("par"),
  ) {
    const event = yield* eventOf(eventId)
    const person = yield* sql`SELECT id, institution_id FROM people WHERE id = ${input.personId}`.pipe(
      Effect.orDie,
    )
    if (!person[0]) return yield* new PersonNotFound({ personId: input.personId })
    const institutionId = input.institutionId ?? String(person[0].institutionId)
    const inst = yield* sql`SELECT id FROM institutions WHERE id = ${institutionId}`.pipe(Effect.orDie)
    if (!inst[0]) return yield* new InstitutionNotFound({ institutionId })
    const existing = yield* find(eventId, input.personId)
    if (Option.isSome(existing))
      return yield* new AlreadyRegistered({
        eventId,
        personId: input.personId,
        existingId: existing.value.id,
      })
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO participations ${sql.insert({
      id,
      projectId: event.projectId,
      eventId,
      personId: input.personId,
      role: input.role,
      status: input.status,
      institutionId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(eventId, input.personId).pipe(Effect.orDie)
  })

  /**
   * Replaces the days a person attended; each must be a day of the event. With
   * `expectedVersion`, refuses when the participation changed since.
   */
  const setAttendance = Effect.fn("ParticipationsRepository.setAttendance")(function* (
    eventId: string,
    personId: string,
    days: ReadonlyArray<IsoDate>,
    expectedVersion?: number,
  ) {
    const event = yield* eventOf(eventId)
    const current = yield* get(eventId, personId)
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      return yield* new ParticipationVersionStale({
        participationId: current.id,
        expectedVersion,
        currentVersion: current.version,
      })
    const checked = checkAttendedDays(event, days)
    if (Either.isLeft(checked)) return yield* checked.left
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          yield* sql`DELETE FROM attendance_days WHERE participation_id = ${current.id}`
          if (checked.right.length > 0)
            yield* sql`INSERT INTO attendance_days ${sql.insert(
              checked.right.map((day) => ({ participationId: current.id, day })),
            )}`
          yield* sql`UPDATE participations SET version = version + 1, updated_at = ${now} WHERE id = ${current.id}`
        }),
      )
      .pipe(Effect.orDie)
    return yield* get(eventId, personId).pipe(Effect.orDie)
  })

  /** A page of an event's participations by id. */
  const listByEvent = Effect.fn("ParticipationsRepository.listByEvent")(function* (
    eventId: string,
    options: PageRequest,
  ) {
    yield* eventOf(eventId)
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM participations
      WHERE event_id = ${eventId} AND ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const [counted] = yield* sql`SELECT COUNT(*) AS n FROM participations WHERE event_id = ${eventId}`.pipe(
      Effect.orDie,
    )
    return { ...toPage(yield* assemble(rows), limit), total: int(counted?.n) } satisfies Page<Participation>
  })

  /**
   * A page of a person's participations (and those of records merged into them), each with the
   * project its event belongs to; `scope` keeps the participations in the listed projects only.
   */
  const listByPerson = Effect.fn("ParticipationsRepository.listByPerson")(function* (
    personId: string,
    options: PageRequest & { readonly scope?: "all" | ReadonlyArray<string> },
  ) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT p.*, e.project_id AS event_project_id FROM participations p
      JOIN events e ON e.id = p.event_id
      WHERE p.person_id IN (SELECT id FROM people WHERE id = ${personId} OR survivor_id = ${personId})
        AND ${options.cursor ? sql`p.id > ${options.cursor}` : sql`1 = 1`}
        AND ${inScope(sql, "e.project_id", options.scope ?? "all")}
      ORDER BY p.id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const page = toPage(yield* assemble(rows), limit)
    const projectOf = new Map(rows.map((r) => [String(r.id), String(r.eventProjectId)]))
    return {
      items: page.items.map((participation) => ({
        participation,
        projectId: projectOf.get(participation.id)!,
      })),
      nextCursor: page.nextCursor,
    }
  })

  return { find, get, register, setAttendance, listByEvent, listByPerson } as const
})

/** Stores participations and attended days. */
export class ParticipationsRepository extends Context.Tag("@coordina/store/ParticipationsRepository")<
  ParticipationsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ParticipationsRepository, make)
}
