/**
 * The store side of a sign-in sheet import: what a sheet is checked against (its event, the
 * institutions and people it names, the event's participations) and the writing of an import
 * plan in batches of multi-row INSERTs, so a sheet of 10,000 rows takes a few dozen statements.
 * Run the whole import inside {@link SignInSheetsRepository} `transaction`: it is atomic.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqlError from "@effect/sql/SqlError"
import {
  EventNotFound,
  type ImportPlan,
  type InstitutionFacts,
  type IsoDate,
  type KnownParticipation,
  type KnownPerson,
  type KnownRecords,
  type ParticipationRole,
  type PersonChange,
  type SheetEvent,
  type SheetInstitution,
  normaliseEmail,
  normaliseName,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer } from "effect"

/** The event a sheet is for, with the project its participations belong to. */
export interface SheetEventRecord extends SheetEvent {
  readonly id: string
  readonly projectId: string
}

/**
 * Rows per statement: a batch is cut into statements of these sizes only (the largest that
 * fits what is left), so however many rows a sheet has, each table is written by at most four
 * distinct statements, prepared once and reused from the driver's statement cache. A statement
 * sized to each sheet's remainder would be prepared afresh per import, and every one of them,
 * with its thousands of bound parameters, would stay cached and hold megabytes of native memory.
 */
const statementRows = [512, 64, 8, 1] as const
/** Bound parameters per statement at most, well under SQLite's 32,766 and PostgreSQL's 65,535. */
const maxParameters = 30_000
/** Keys per `IN (…)` list. */
const inListSize = 1_000

const chunks = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const str = (v: unknown): string | undefined => (v == null ? undefined : String(v))

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /**
   * Inserts one row per item in batches of multi-row INSERTs, making each batch's rows only
   * when it is sent: a 50,000-row sheet never has all its rows in memory twice.
   */
  const insertAll = <A>(
    table: string,
    items: ReadonlyArray<A>,
    toRow: (item: A) => Record<string, unknown>,
  ) =>
    Effect.gen(function* () {
      if (items.length === 0) return
      const cap = Math.max(1, Math.floor(maxParameters / Object.keys(toRow(items[0]!)).length))
      for (let i = 0; i < items.length; ) {
        const left = items.length - i
        const size = Math.min(cap, statementRows.find((rows) => rows <= left) ?? 1)
        const batch: Array<Record<string, unknown>> = []
        for (let k = i; k < i + size; k++) batch.push(toRow(items[k]!))
        yield* sql`INSERT INTO ${sql(table)} ${sql.insert(batch)}`
        i += size
      }
    })

  const event = Effect.fn("SignInSheetsRepository.event")(function* (eventId: string) {
    const rows =
      yield* sql`SELECT id, project_id, start_date, end_date FROM events WHERE id = ${eventId}`.pipe(
        Effect.orDie,
      )
    const r = rows[0]
    if (!r) return yield* new EventNotFound({ eventId })
    return {
      id: String(r.id),
      projectId: String(r.projectId),
      startDate: String(r.startDate) as IsoDate,
      endDate: String(r.endDate) as IsoDate,
    } satisfies SheetEventRecord
  })

  /** The institutions with any of the ids, or whose normalised name is any of the names. */
  const institutions = Effect.fn("SignInSheetsRepository.institutions")(function* (refs: {
    readonly ids: ReadonlyArray<string>
    readonly names: ReadonlyArray<string>
  }) {
    const found = new Map<string, SheetInstitution & InstitutionFacts>()
    // The facts ride along so the preview can say which rows fall outside the target group.
    const keep = (rows: ReadonlyArray<Record<string, unknown>>) => {
      for (const r of rows)
        found.set(String(r.id), {
          id: String(r.id),
          name: String(r.name),
          kind: r.kind as InstitutionFacts["kind"],
          level: r.level as InstitutionFacts["level"],
          country: String(r.country),
          planningRegion: r.planningRegion == null ? undefined : String(r.planningRegion),
        })
    }
    for (const ids of chunks(refs.ids, inListSize))
      keep(
        yield* sql`SELECT id, name, kind, level, country, planning_region FROM institutions WHERE ${sql.in("id", ids)}`.pipe(
          Effect.orDie,
        ),
      )
    for (const names of chunks(refs.names.map(normaliseName), inListSize))
      keep(
        yield* sql`SELECT id, name, kind, level, country, planning_region FROM institutions WHERE ${sql.in("name_key", names)}`.pipe(
          Effect.orDie,
        ),
      )
    return [...found.values()] as ReadonlyArray<SheetInstitution & InstitutionFacts>
  })

  /**
   * The surviving people who share an email or a name key with the sheet, and the event's
   * participations with their attended days.
   */
  const known = Effect.fn("SignInSheetsRepository.known")(function* (
    eventId: string,
    keys: { readonly emailKeys: ReadonlyArray<string>; readonly nameKeys: ReadonlyArray<string> },
  ) {
    const people = new Map<string, KnownPerson>()
    const keep = (rows: ReadonlyArray<Record<string, unknown>>) => {
      for (const r of rows)
        people.set(String(r.id), {
          id: String(r.id),
          givenName: String(r.givenName),
          familyName: String(r.familyName),
          email: str(r.email),
          gender: str(r.gender) as KnownPerson["gender"],
          institutionId: String(r.institutionId),
        })
    }
    const columns = sql`id, given_name, family_name, email, gender, institution_id`
    for (const emails of chunks(keys.emailKeys, inListSize))
      keep(
        yield* sql`SELECT ${columns} FROM people WHERE merged_into IS NULL AND ${sql.in("email_key", emails)}`.pipe(
          Effect.orDie,
        ),
      )
    for (const names of chunks(keys.nameKeys, inListSize))
      keep(
        yield* sql`SELECT ${columns} FROM people WHERE merged_into IS NULL AND ${sql.in("name_key", names)}`.pipe(
          Effect.orDie,
        ),
      )
    const rows = yield* sql`
      SELECT p.person_id, p.institution_id, p.role, d.day
      FROM participations p LEFT JOIN attendance_days d ON d.participation_id = p.id
      WHERE p.event_id = ${eventId}
      ORDER BY p.person_id, d.day`.pipe(Effect.orDie)
    const participations = new Map<
      string,
      { -readonly [K in keyof KnownParticipation]: KnownParticipation[K] }
    >()
    for (const r of rows) {
      const personId = String(r.personId)
      let p = participations.get(personId)
      if (!p) {
        p = {
          personId,
          institutionId: String(r.institutionId),
          role: String(r.role) as ParticipationRole,
          days: [],
        }
        participations.set(personId, p)
      }
      if (r.day != null) p.days = [...p.days, String(r.day) as IsoDate]
    }
    return {
      people: [...people.values()],
      participations: [...participations.values()],
    } satisfies KnownRecords
  })

  const updatePerson = (change: PersonChange, now: string) =>
    Effect.gen(function* () {
      const before = (yield* sql`SELECT email, gender FROM people WHERE id = ${change.id}`)[0] ?? {}
      yield* sql`
        UPDATE people SET
          email = ${change.email ?? sql`email`}, email_key = ${change.email ?? sql`email_key`},
          gender = ${change.gender ?? sql`gender`}, version = version + 1, updated_at = ${now}
        WHERE id = ${change.id}`
      return {
        id: change.id,
        before: { email: before.email ?? null, gender: before.gender ?? null },
        after: {
          ...(change.email ? { email: change.email } : {}),
          ...(change.gender ? { gender: change.gender } : {}),
        },
      }
    })

  /**
   * Writes an import plan: new people, changes to people on file, new participations (under
   * `participationIds`, one per participation to create, from the caller's ids) with their
   * days, and the days, role and institution of participations on file. Answers what changed
   * on records that existed, for the audit log.
   */
  const apply = Effect.fn("SignInSheetsRepository.apply")(function* (
    event: SheetEventRecord,
    plan: ImportPlan,
    participationIds: ReadonlyArray<string>,
  ) {
    if (participationIds.length !== plan.createParticipations.length)
      return yield* Effect.dieMessage("apply: one id per participation to create is required")
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* insertAll("people", plan.createPeople, (p) => {
      // The plan carries the row's name key: worked out once per row, not again here.
      const emailKey = normaliseEmail(p.email)
      return {
        id: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        nameKey: p.nameKey,
        email: p.email ?? null,
        emailKey: emailKey ?? null,
        phone: null,
        gender: p.gender ?? null,
        institutionId: p.institutionId,
        mergedInto: null,
        survivorId: p.id,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
    }).pipe(Effect.orDie)
    const peopleUpdated = yield* Effect.forEach(plan.updatePeople, (c) => updatePerson(c, now)).pipe(
      Effect.orDie,
    )

    const created = plan.createParticipations.map((p, i) => ({ p, id: participationIds[i]! }))
    yield* insertAll("participations", created, ({ p, id }) => ({
      id,
      projectId: event.projectId,
      eventId: event.id,
      personId: p.personId,
      role: p.role,
      status: "registered",
      institutionId: p.institutionId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })).pipe(Effect.orDie)
    yield* insertAll(
      "attendance_days",
      created.flatMap(({ p, id }) => p.days.map((day) => ({ id, day }))),
      ({ id, day }) => ({ participationId: id, day }),
    ).pipe(Effect.orDie)

    for (const p of plan.updateParticipations) {
      const rows = yield* sql`
        UPDATE participations SET role = ${p.role}, institution_id = ${p.institutionId},
          version = version + 1, updated_at = ${now}
        WHERE event_id = ${event.id} AND person_id = ${p.personId}
        RETURNING id`.pipe(Effect.orDie)
      const id = String(rows[0]!.id)
      // Days only grow (an import adds the days of its sheet): insert the missing ones.
      for (const day of p.days)
        yield* sql`INSERT INTO attendance_days (participation_id, day) VALUES (${id}, ${day})
          ON CONFLICT DO NOTHING`.pipe(Effect.orDie)
    }
    return { peopleUpdated, participationsUpdated: plan.updateParticipations.map((p) => p.personId) }
  })

  /**
   * Runs an import in one transaction: any failure rolls everything back. On PostgreSQL,
   * imports take turns, so two sheets naming one new person cannot both create them.
   */
  const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    sql
      .withTransaction(
        Effect.zipRight(
          sql.onDialectOrElse({
            pg: () => sql`SELECT pg_advisory_xact_lock(7301)`.pipe(Effect.asVoid),
            orElse: () => Effect.void,
          }),
          effect,
        ),
      )
      .pipe(Effect.catchAll((e) => (e instanceof SqlError.SqlError ? Effect.die(e) : Effect.fail(e as E))))

  return { event, institutions, known, apply, transaction } as const
})

/** Reads what a sign-in sheet refers to and writes its import, in batches. */
export class SignInSheetsRepository extends Context.Tag("@coordina/store/SignInSheetsRepository")<
  SignInSheetsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(SignInSheetsRepository, make)
}
