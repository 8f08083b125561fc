/**
 * Public event registration: the page's view of an event (with the proof its form must send
 * back), registering without an account, cancelling by the secret link, and the staff side
 * (settings, the list). A registrant is matched to people by the domain's rules, e-mail first; a
 * possible duplicate becomes a new person, which the duplicates queue then lists, and is never
 * merged here. What a confirmation e-mail needs comes back in {@link Confirmation}.
 * @module
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import {
  canSeeProject,
  type Event,
  EventNotFound,
  type NewRegistration,
  type Principal,
  type PublicEvent,
  type Registration,
  RegistrationInstitutionUnknown,
  type RegistrationLanguage,
  RegistrationProofInvalid,
  type RegistrationSettings,
  type RegistrationSettingsView,
  RegistrationThrottled,
  proofAgeProblem,
  registrationOpen,
  seatsLeft,
} from "@coordina/domain"
import {
  EventsRepository,
  InstitutionsRepository,
  type PageRequest,
  PeopleRepository,
  RegistrationsRepository,
} from "@coordina/store"
import { Context, Effect, Layer, Option } from "effect"
import { registrationConfirmationEmail, registrationPromotedEmail } from "./EmailTemplates.js"
import { eventCalendar } from "./EventCalendar.js"
import { Ids } from "./Ids.js"
import { Outbox } from "./Outbox.js"
import { Today } from "./Today.js"
import { hashToken } from "./Tokens.js"
import { transaction } from "./Transaction.js"
import { audit, captureWrites } from "./UseCase.js"

/** Who the audit log names for what the public does without an account. */
export const publicActor = "public"

/**
 * Who the audit log names for reading a promoted registrant's address to write to them: the
 * system, not whoever freed the seat (they never see it).
 */
export const promotionActor = "system:registrations"

/** The path of the link that cancels a registration (`DELETE` on it cancels). */
export const cancelPath = (token: string): string => `/v1/public/registrations/${encodeURIComponent(token)}`

/**
 * What a confirmation (or a promotion) e-mail needs, in the registrant's language. The e-mail
 * itself is the outbox's: no name goes in here, only the address it is sent to.
 */
export interface Confirmation {
  readonly registration: Registration
  readonly status: Registration["status"]
  readonly language: RegistrationLanguage
  readonly personId: string
  readonly event: Pick<Event, "id" | "title" | "startDate" | "endDate" | "city">
  /** The `.ics` file of the event. */
  readonly calendar: string
}

/** The web page a registrant opens from the e-mail to cancel (it sends the `DELETE`). */
export const cancelPagePath = (token: string): string => `/register/cancel/${encodeURIComponent(token)}`

/**
 * A registration just taken: its confirmation, the address it goes to, and the secret cancel
 * link (the API path and the web page), shown this once: only its hash is stored.
 */
export interface Registered extends Confirmation {
  readonly email: string
  readonly cancelPath: string
  readonly cancelPagePath: string
}

const proofOf = (key: string, eventId: string, issuedAtMs: number) =>
  createHmac("sha256", key).update(`${eventId}.${issuedAtMs}`).digest("base64url")

const proofInvalid = (path: string, message: string) =>
  new RegistrationProofInvalid({ errors: [{ path, message }], message })

const make = Effect.gen(function* () {
  const registrations = yield* RegistrationsRepository
  const events = yield* EventsRepository
  const people = yield* PeopleRepository
  const institutions = yield* InstitutionsRepository
  const ids = yield* Ids
  const clock = yield* Today
  const outbox = yield* Outbox
  const writes = yield* captureWrites
  const now = clock.nowIso.pipe(Effect.map((iso) => new Date(iso)))

  /**
   * Queues the e-mail telling each promoted registrant they now have a seat, with the `.ics`;
   * call it in the promotion's transaction, so it goes out exactly when the seat is theirs.
   * Their address is read from the person on file (audited); one without any is not written to.
   */
  const notifyPromoted = (promoted: ReadonlyArray<Registration>, event: Event, at: Date) =>
    Effect.gen(function* () {
      if (promoted.length === 0) return
      const persons = new Map(
        (yield* people.getMany(promoted.map((r) => r.personId))).map((p) => [p.id as string, p]),
      )
      for (const r of promoted) {
        const email = persons.get(r.personId)?.email
        if (!email) continue
        yield* audit({ actor: promotionActor, action: "read_personal", entity: `person:${r.personId}` })
        yield* outbox.sendEmail(
          "registration.promoted",
          registrationPromotedEmail(
            email,
            r.language,
            {
              eventId: event.id,
              title: event.title,
              startDate: event.startDate,
              endDate: event.endDate,
              city: event.city,
            },
            { stamp: at.toISOString(), uidHost: "coordina" },
          ),
        )
      }
    })

  const confirmation = (registration: Registration, event: Event): Confirmation => ({
    registration,
    status: registration.status,
    language: registration.language,
    personId: registration.personId,
    event: {
      id: event.id,
      title: event.title,
      startDate: event.startDate,
      endDate: event.endDate,
      city: event.city,
    },
    calendar: eventCalendar(event, registration.language),
  })

  /** An event the caller may see, else EventNotFound (another project's answers like a missing one). */
  const visibleEvent = (principal: Principal, id: string) =>
    events.get(id).pipe(
      Effect.filterOrFail(
        (e) => canSeeProject(principal, e.projectId),
        () => new EventNotFound({ eventId: id }),
      ),
    )

  /** An event that opened a form at some point; any other is not public and answers as missing. */
  const publicEventOf = (id: string) =>
    Effect.gen(function* () {
      const settings = yield* registrations.settings(id)
      if (Option.isNone(settings)) return yield* new EventNotFound({ eventId: id })
      return { event: yield* events.get(id), settings: settings.value }
    })

  /** The event as the public page shows it, with a fresh proof for its form. */
  const publicEvent = Effect.fn("Registrations.publicEvent")(function* (id: string) {
    const { event, settings } = yield* publicEventOf(id)
    const at = yield* now
    const counts = yield* registrations.counts(id)
    const key = yield* registrations.proofKey()
    const issuedAt = at.getTime()
    return {
      id: event.id,
      title: event.title,
      startDate: event.startDate,
      endDate: event.endDate,
      city: event.city,
      open: registrationOpen(settings, at),
      ...(settings.closesAt ? { closesAt: settings.closesAt } : {}),
      seatsLeft: seatsLeft(settings, counts.registered) ?? null,
      waitlist: settings.waitlist,
      proof: `${issuedAt}.${proofOf(key, event.id, issuedAt)}`,
    } satisfies PublicEvent
  })

  /** The event's `.ics` file, for the public page. */
  const calendarOf = Effect.fn("Registrations.calendar")(function* (id: string, language: "bg" | "en") {
    const { event } = yield* publicEventOf(id)
    return eventCalendar(event, language)
  })

  const checkProof = (eventId: string, input: NewRegistration, at: Date) =>
    Effect.gen(function* () {
      if ((input.website ?? "").trim() !== "")
        return yield* proofInvalid("website", "this field must stay empty")
      const [issued, signature] = input.proof.split(".")
      const issuedAtMs = /^\d{1,15}$/.test(issued ?? "") ? Number(issued) : Number.NaN
      const expected = Buffer.from(proofOf(yield* registrations.proofKey(), eventId, issuedAtMs))
      const sent = Buffer.from(signature ?? "")
      if (Number.isNaN(issuedAtMs) || sent.length !== expected.length || !timingSafeEqual(sent, expected))
        return yield* proofInvalid("proof", "the proof is not this event's; reload the page")
      const age = proofAgeProblem(issuedAtMs, at.getTime())
      if (age) return yield* proofInvalid("proof", age)
    })

  /** The institution the form names: by id, else by its exact (normalised) name. */
  const institutionOf = (input: NewRegistration) =>
    Effect.gen(function* () {
      if (input.institutionId) {
        const found = yield* institutions.get(input.institutionId).pipe(Effect.option)
        if (Option.isSome(found)) return found.value.id
      }
      if (input.institutionName) {
        const named = yield* institutions.findByName(input.institutionName)
        if (named[0]) return named[0].id
      }
      const path = input.institutionName || !input.institutionId ? "institutionName" : "institutionId"
      return yield* new RegistrationInstitutionUnknown({
        errors: [{ path, message: "no institution on file has this name" }],
        message: "Name an institution on file.",
      })
    })

  /**
   * Registers someone from the public form: the honeypot and the proof first, then the limit
   * per address (counted even when the registration is refused), then matching and the seat, in
   * one transaction, so a refusal stores no person and no registration.
   */
  const register = Effect.fn("Registrations.register")(function* (
    eventId: string,
    input: NewRegistration,
    address: string,
  ) {
    const { event } = yield* publicEventOf(eventId)
    const at = yield* now
    yield* checkProof(eventId, input, at)
    const counted = yield* registrations.attempt(eventId, hashToken(`registration-address:${address}`), at)
    if (counted._tag === "Wait")
      return yield* new RegistrationThrottled({ retryAfterSeconds: counted.retryAfterSeconds })
    const token = Buffer.from(yield* ids.random(32)).toString("base64url")
    const language = input.language ?? "bg"
    const newPersonId = yield* ids.next("per")
    const registration = yield* writes(
      transaction(
        Effect.gen(function* () {
          const institutionId = yield* institutionOf(input)
          const who = { givenName: input.givenName, familyName: input.familyName, email: input.email }
          const matched = yield* people.match({ ...who, institutionId })
          let personId: string
          if (matched._tag === "New") {
            const created = yield* people.create({ ...who, institutionId }, newPersonId)
            yield* audit({
              actor: publicActor,
              action: "create",
              entity: `person:${created.id}`,
              after: created,
            })
            personId = created.id
          } else {
            personId = matched.personId
            // A person matched by name keeps the e-mail on file; one without any gains this one.
            yield* people
              .fillBlanks(personId, { email: input.email })
              .pipe(Effect.catchTag("EmailTaken", () => Effect.void))
          }
          const stored = yield* registrations.register({
            eventId,
            personId,
            language,
            cancelTokenHash: hashToken(token),
            now: at,
          })
          yield* audit({
            actor: publicActor,
            action: "create",
            entity: `registration:${stored.id}`,
            after: stored,
          })
          // The confirmation joins the outbox in this transaction: sent exactly when the seat is taken.
          yield* outbox.sendEmail(
            "registration.confirmed",
            registrationConfirmationEmail(
              input.email,
              language,
              {
                eventId: event.id,
                title: event.title,
                startDate: event.startDate,
                endDate: event.endDate,
                city: event.city,
              },
              stored.status === "waitlisted" ? "waitlisted" : "registered",
              { stamp: at.toISOString(), uidHost: "coordina" },
            ),
          )
          return stored
        }),
      ),
    )
    return {
      ...confirmation(registration, event),
      email: input.email,
      cancelPath: cancelPath(token),
      cancelPagePath: cancelPagePath(token),
    } satisfies Registered
  })

  /**
   * Cancels by the secret link; whoever moves up from the waiting list comes back, each with
   * what their own e-mail needs.
   */
  const cancel = Effect.fn("Registrations.cancel")(function* (token: string) {
    const at = yield* now
    const change = yield* writes(
      transaction(
        Effect.gen(function* () {
          const change = yield* registrations.cancel(hashToken(token), at)
          yield* audit({
            actor: publicActor,
            action: "update",
            entity: `registration:${change.registration.id}`,
            before: { status: "registered" },
            after: { status: "cancelled" },
          })
          for (const r of change.promoted)
            yield* audit({
              actor: publicActor,
              action: "update",
              entity: `registration:${r.id}`,
              before: { status: "waitlisted" },
              after: { status: "registered" },
            })
          const event = yield* events.get(change.registration.eventId).pipe(Effect.orDie)
          yield* notifyPromoted(change.promoted, event, at)
          return { ...change, event }
        }),
      ),
    )
    const event = change.event
    return {
      cancelled: confirmation(change.registration, event),
      promoted: change.promoted.map((r) => confirmation(r, event)),
    }
  })

  const settingsView = (eventId: string, settings: RegistrationSettings | undefined) =>
    registrations
      .counts(eventId)
      .pipe(Effect.map((c): RegistrationSettingsView => ({ settings: settings ?? null, ...c })))

  /** An event's registration settings and counts. */
  const settingsOf = Effect.fn("Registrations.settings")(function* (principal: Principal, eventId: string) {
    yield* visibleEvent(principal, eventId)
    return yield* settingsView(eventId, Option.getOrUndefined(yield* registrations.settings(eventId)))
  })

  /** Sets an event's registration settings (audited); a larger capacity moves up the waiting list. */
  const putSettings = Effect.fn("Registrations.putSettings")(function* (
    principal: Principal,
    eventId: string,
    next: RegistrationSettings,
  ) {
    const event = yield* visibleEvent(principal, eventId)
    const at = yield* now
    const result = yield* writes(
      transaction(
        Effect.gen(function* () {
          const before = Option.getOrUndefined(yield* registrations.settings(eventId))
          const result = yield* registrations.putSettings(eventId, next, at)
          yield* audit({
            actor: principal.id,
            action: before ? "update" : "create",
            entity: `event_registration:${eventId}`,
            ...(before ? { before } : {}),
            after: next,
          })
          for (const r of result.promoted)
            yield* audit({
              actor: principal.id,
              action: "update",
              entity: `registration:${r.id}`,
              before: { status: "waitlisted" },
              after: { status: "registered" },
            })
          yield* notifyPromoted(result.promoted, event, at)
          return result
        }),
      ),
    )
    return {
      view: yield* settingsView(eventId, next),
      promoted: result.promoted.map((r) => confirmation(r, event)),
    }
  })

  /** A page of an event's registrations with the registrants' names; each person read is audited. */
  const list = Effect.fn("Registrations.list")(function* (
    principal: Principal,
    eventId: string,
    page: PageRequest,
  ) {
    yield* visibleEvent(principal, eventId)
    const found = yield* registrations.list(eventId, page)
    const persons = new Map(
      (yield* people.getMany(found.items.map((r) => r.personId))).map((p) => [p.id as string, p]),
    )
    yield* writes(
      transaction(
        Effect.forEach(
          [...persons.keys()],
          (id) => audit({ actor: principal.id, action: "read_personal", entity: `person:${id}` }),
          { discard: true },
        ),
      ),
    )
    return {
      items: found.items.map((r) => {
        const p = persons.get(r.personId)
        return {
          ...r,
          givenName: p?.givenName ?? "",
          familyName: p?.familyName ?? "",
          ...(p?.email ? { email: p.email } : {}),
        }
      }),
      nextCursor: found.nextCursor,
    }
  })

  return {
    publicEvent,
    calendar: calendarOf,
    register,
    cancel,
    settings: settingsOf,
    putSettings,
    list,
  } as const
})

/** The public registration use cases. */
export class Registrations extends Context.Tag("@coordina/app/Registrations")<
  Registrations,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the clock, the ids and the audit log. */
  static readonly layer = Layer.effect(Registrations, make)
}
