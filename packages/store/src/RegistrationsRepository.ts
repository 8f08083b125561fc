/**
 * Public registrations for events. Every change to an event's registrations first takes the lock
 * of its settings row (an UPDATE, which PostgreSQL holds until commit and SQLite takes as its
 * write lock), so seats are counted and taken one registrant at a time: concurrent registrations
 * never exceed the capacity, and a cancellation's promotion never races a new registration.
 * @module
 */
import { randomBytes } from "node:crypto"
import * as SqlClient from "@effect/sql/SqlClient"
import {
  AlreadyRegistered,
  decideRegistration,
  EventFull,
  EventNotFound,
  promotions,
  Registration,
  RegistrationClosed,
  type RegistrationLanguage,
  RegistrationNotFound,
  RegistrationSettings,
  registrationLimits,
} from "@coordina/domain"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { int, type Page, type PageRequest, pageSize } from "./Rows.js"

const decodeRegistration = Schema.decodeUnknownSync(Registration)
const decodeSettings = Schema.decodeUnknownSync(RegistrationSettings)

const toRegistration = (r: Record<string, unknown>): Registration =>
  decodeRegistration({
    id: r.id,
    eventId: r.eventId,
    personId: r.personId,
    status: r.status,
    position: int(r.position),
    language: r.language,
    createdAt: r.createdAt,
  })

const toSettings = (r: Record<string, unknown>): RegistrationSettings =>
  decodeSettings({
    open: int(r.open) === 1,
    ...(r.capacity == null ? {} : { capacity: int(r.capacity) }),
    ...(r.closesAt == null ? {} : { closesAt: r.closesAt }),
    waitlist: int(r.waitlist) === 1,
  })

/** Someone to register: the matched person and the secret link's hash. */
export interface NewRegistrationRecord {
  readonly eventId: string
  readonly personId: string
  readonly language: RegistrationLanguage
  readonly cancelTokenHash: string
  readonly now: Date
}

/** What a change of seats did: the registration it concerns and who moved up from the list. */
export interface SeatChange {
  readonly registration: Registration
  readonly promoted: ReadonlyArray<Registration>
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const settingsRow = (eventId: string) =>
    sql`SELECT * FROM event_registration_settings WHERE event_id = ${eventId}`.pipe(Effect.orDie)

  /** The event's registration settings, if it ever opened a form. */
  const settings = Effect.fn("RegistrationsRepository.settings")(function* (eventId: string) {
    const rows = yield* settingsRow(eventId)
    return rows[0] ? Option.some(toSettings(rows[0])) : Option.none()
  })

  /** Takes the event's registration lock for the rest of the transaction. */
  const lock = (eventId: string) =>
    sql`UPDATE event_registration_settings SET next_position = next_position + 1 WHERE event_id = ${eventId}`

  const countRegistered = (eventId: string) =>
    sql`SELECT COUNT(*) AS n FROM registrations WHERE event_id = ${eventId} AND status = 'registered'`.pipe(
      Effect.map((rows) => int(rows[0]?.n)),
    )

  /** How many are registered and waiting. */
  const counts = Effect.fn("RegistrationsRepository.counts")(function* (eventId: string) {
    const rows = yield* sql`
      SELECT status, COUNT(*) AS n FROM registrations WHERE event_id = ${eventId} GROUP BY status`.pipe(
      Effect.orDie,
    )
    const of = (s: string) => int(rows.find((r) => r.status === s)?.n)
    return { registered: of("registered"), waitlisted: of("waitlisted") }
  })

  /** Moves up as many of the waiting list as there are free seats (under the lock). */
  const promote = (eventId: string, current: RegistrationSettings) =>
    Effect.gen(function* () {
      const waiting = yield* sql`
        SELECT * FROM registrations WHERE event_id = ${eventId} AND status = 'waitlisted'
        ORDER BY position`
      const up = promotions(current, yield* countRegistered(eventId), waiting.map(toRegistration))
      if (up.length === 0) return [] as ReadonlyArray<Registration>
      yield* sql`UPDATE registrations SET status = 'registered' WHERE ${sql.in(
        "id",
        up.map((r) => r.id),
      )}`
      return up.map((r) => new Registration({ ...r, status: "registered" }))
    })

  /**
   * Sets an event's registration settings and moves up whoever a larger capacity now seats.
   * Fails with EventNotFound when there is no such event.
   */
  const putSettings = Effect.fn("RegistrationsRepository.putSettings")(function* (
    eventId: string,
    next: RegistrationSettings,
    now: Date,
  ) {
    return yield* sql
      .withTransaction(
        Effect.gen(function* () {
          const event = yield* sql`SELECT id FROM events WHERE id = ${eventId}`
          if (!event[0]) return yield* new EventNotFound({ eventId })
          const row = {
            open: next.open ? 1 : 0,
            capacity: next.capacity ?? null,
            closesAt: next.closesAt ?? null,
            waitlist: next.waitlist ? 1 : 0,
            updatedAt: now.toISOString(),
          }
          yield* sql`
            INSERT INTO event_registration_settings ${sql.insert({ eventId, ...row, nextPosition: 0 })}
            ON CONFLICT (event_id) DO UPDATE SET ${sql.update(row)}`
          yield* lock(eventId)
          const promoted = yield* promote(eventId, next)
          return { settings: next, promoted }
        }),
      )
      .pipe(Effect.catchTag("SqlError", Effect.die))
  })

  /**
   * Registers someone by the domain's decision, under the event's lock: registered while a seat
   * is left, else waitlisted or refused. A refusal stores nothing.
   */
  const register = Effect.fn("RegistrationsRepository.register")(function* (input: NewRegistrationRecord) {
    return yield* sql
      .withTransaction(
        Effect.gen(function* () {
          yield* lock(input.eventId)
          const rows = yield* settingsRow(input.eventId)
          const current = rows[0] ? toSettings(rows[0]) : undefined
          const registered = yield* countRegistered(input.eventId)
          const decision = decideRegistration(current, registered, input.now)
          if (decision._tag === "RefusedClosed")
            return yield* new RegistrationClosed({ eventId: input.eventId })
          if (decision._tag === "RefusedFull") return yield* new EventFull({ eventId: input.eventId })
          const existing = yield* sql`
            SELECT id FROM registrations WHERE event_id = ${input.eventId} AND person_id = ${input.personId}
            AND status <> 'cancelled'`
          if (existing[0])
            return yield* new AlreadyRegistered({
              eventId: input.eventId,
              personId: input.personId,
              existingId: String(existing[0].id),
            })
          const id = newId("reg")
          yield* sql`INSERT INTO registrations ${sql.insert({
            id,
            eventId: input.eventId,
            personId: input.personId,
            status: decision._tag === "Registered" ? "registered" : "waitlisted",
            position: int(rows[0]?.nextPosition) + 1,
            cancelTokenHash: input.cancelTokenHash,
            language: input.language,
            createdAt: input.now.toISOString(),
            cancelledAt: null,
          })}`
          const stored = yield* sql`SELECT * FROM registrations WHERE id = ${id}`
          return toRegistration(stored[0]!)
        }),
      )
      .pipe(Effect.catchTag("SqlError", Effect.die))
  })

  /**
   * Cancels the registration a secret link's hash names and moves up the next on the waiting
   * list when it freed a seat. A cancelled or unknown link fails with RegistrationNotFound.
   */
  const cancel = Effect.fn("RegistrationsRepository.cancel")(function* (cancelTokenHash: string, now: Date) {
    return yield* sql
      .withTransaction(
        Effect.gen(function* () {
          const named = yield* sql`
            SELECT event_id FROM registrations WHERE cancel_token_hash = ${cancelTokenHash}`
          if (!named[0]) return yield* new RegistrationNotFound()
          // Under the lock, so a parallel cancellation of the same link finds it cancelled.
          yield* lock(String(named[0].eventId))
          const found = yield* sql`
            SELECT * FROM registrations WHERE cancel_token_hash = ${cancelTokenHash} AND status <> 'cancelled'`
          if (!found[0]) return yield* new RegistrationNotFound()
          const before = toRegistration(found[0])
          yield* sql`UPDATE registrations SET status = 'cancelled', cancelled_at = ${now.toISOString()}
                     WHERE id = ${before.id}`
          const rows = yield* settingsRow(before.eventId)
          const promoted = rows[0] ? yield* promote(before.eventId, toSettings(rows[0])) : []
          return {
            registration: new Registration({ ...before, status: "cancelled" }),
            promoted,
          } satisfies SeatChange
        }),
      )
      .pipe(Effect.catchTag("SqlError", Effect.die))
  })

  /** A page of an event's registrations in the order they came (the cursor is the position). */
  const list = Effect.fn("RegistrationsRepository.list")(function* (eventId: string, options: PageRequest) {
    const limit = pageSize(options.limit)
    // A cursor is a position; one past PostgreSQL's integer range simply lies after every row.
    const after =
      options.cursor && /^\d+$/.test(options.cursor) ? Math.min(Number(options.cursor), 2_147_483_647) : 0
    const rows = yield* sql`
      SELECT * FROM registrations WHERE event_id = ${eventId} AND position > ${after}
      ORDER BY position LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const items = rows.slice(0, limit).map(toRegistration)
    return {
      items,
      nextCursor: rows.length > limit ? String(items.at(-1)!.position) : null,
    } satisfies Page<Registration>
  })

  /**
   * Counts one attempt from an address (its hash) for an event, unless the address used up its
   * hour: then the seconds until the oldest attempt of the window leaves it. Parallel attempts
   * are counted one after the other under the address's throttle lock.
   */
  const attempt = Effect.fn("RegistrationsRepository.attempt")(function* (
    eventId: string,
    addressHash: string,
    now: Date,
  ) {
    return yield* sql
      .withTransaction(
        Effect.gen(function* () {
          const at = now.toISOString()
          yield* sql`INSERT INTO throttle_locks (lock_key, at) VALUES (${`registration:${eventId}:${addressHash}`}, ${at})
                     ON CONFLICT (lock_key) DO UPDATE SET at = excluded.at`
          const since = new Date(now.getTime() - registrationLimits.windowMs).toISOString()
          const recent = yield* sql`
            SELECT at FROM registration_attempts
            WHERE event_id = ${eventId} AND address_hash = ${addressHash} AND at > ${since} ORDER BY at`
          if (recent.length >= registrationLimits.perAddressPerHour) {
            const oldest = Date.parse(String(recent[0]!.at))
            return {
              _tag: "Wait" as const,
              retryAfterSeconds: Math.max(
                1,
                Math.ceil((oldest + registrationLimits.windowMs - now.getTime()) / 1000),
              ),
            }
          }
          yield* sql`INSERT INTO registration_attempts ${sql.insert({ id: newId("rga"), eventId, addressHash, at })}`
          return { _tag: "Counted" as const }
        }),
      )
      .pipe(Effect.orDie)
  })

  /** The key that signs registration proofs, made on first use and shared by every instance. */
  const proofKey = Effect.fn("RegistrationsRepository.proofKey")(function* () {
    const secret = randomBytes(32).toString("base64")
    yield* sql`INSERT INTO registration_keys (id, secret) VALUES ('proof', ${secret})
               ON CONFLICT (id) DO NOTHING`.pipe(Effect.orDie)
    const rows = yield* sql`SELECT secret FROM registration_keys WHERE id = 'proof'`.pipe(Effect.orDie)
    return String(rows[0]!.secret)
  })

  /**
   * The registrations still holding a seat at the events that start on `date`, by event and
   * position: whom the day-before reminder goes to (not the waiting list, not the cancelled).
   */
  const registeredStartingOn = Effect.fn("RegistrationsRepository.registeredStartingOn")(function* (
    date: string,
  ) {
    const rows = yield* sql`
      SELECT r.* FROM registrations r JOIN events e ON e.id = r.event_id
      WHERE e.start_date = ${date} AND r.status = 'registered'
      ORDER BY r.event_id, r.position`.pipe(Effect.orDie)
    return rows.map(toRegistration)
  })

  return {
    settings,
    putSettings,
    counts,
    register,
    cancel,
    list,
    attempt,
    proofKey,
    registeredStartingOn,
  } as const
})

/** Stores public registrations. */
export class RegistrationsRepository extends Context.Tag("@coordina/store/RegistrationsRepository")<
  RegistrationsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(RegistrationsRepository, make)
}
