/**
 * Attendance certificates' use cases (issue 12, item 4): issue one to every person who attended
 * an event, print them (one PDF, or a ZIP of one PDF each), and verify a code for anyone.
 *
 * Who attended is the reach rules' attendance: a participation with at least one attended day,
 * whatever its role (speakers and trainers get one too; reach counts only participants, but a
 * certificate says who was there). A merged record's participations count for the record it was
 * merged into, so one person holds one certificate per event, for the days of all their records.
 * Erased people get none (their name is gone).
 *
 * Issuing is idempotent: a person who holds a certificate keeps its code, so a certificate
 * already handed out stays valid; each newly issued one gets its own audit entry. Printing
 * names people, so each holder on a printed file gets a `read_personal` entry. The public
 * verification tells only the event and the holder's initials.
 * @module
 */
import {
  allows,
  Certificate,
  type CertificateAction,
  type CertificateLanguage,
  certificateCodeOf,
  CertificateList,
  CertificateNotFound,
  CertificateVerification,
  canSeeProject,
  type Event,
  EventNotFound,
  eventDayCount,
  initials,
  isErased,
  type IsoDate,
  NoCertificatesIssued,
  type Person,
  type Principal,
  type Project,
  SignInThrottled,
} from "@coordina/domain"
import { type CertificateSheet, renderCertificates } from "@coordina/reports"
import {
  CertificatesRepository,
  EventsRepository,
  LoginAttempts,
  ParticipationsRepository,
  PeopleRepository,
  ProjectsRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Ids } from "./Ids.js"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"
import { audit, captureWrites } from "./UseCase.js"

/** Random bytes per code: 13 give the 100 bits of its 20 symbols. */
const codeBytes = 13

/** How a printed file reaches the verification page: its base (`https://host/verify/`). */
export interface PrintOptions {
  readonly language: CertificateLanguage
  /** Prefixed to each code to make the address printed on the certificate. */
  readonly verifyBase: string
}

/** A file of certificates. */
export interface CertificateFile {
  readonly bytes: Uint8Array
  readonly fileName: string
  readonly mediaType: "application/pdf" | "application/zip"
}

/** A name safe in a file name inside a ZIP (letters of any script kept). */
const fileSafe = (text: string) =>
  text
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} ._-]+/gu, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 80)

const make = Effect.gen(function* () {
  const certificates = yield* CertificatesRepository
  const events = yield* EventsRepository
  const participations = yield* ParticipationsRepository
  const people = yield* PeopleRepository
  const projects = yield* ProjectsRepository
  const ids = yield* Ids
  const clock = yield* Today
  const writes = yield* captureWrites
  const attempts = yield* LoginAttempts

  /** The event when the caller may see its project; one outside their scope answers as missing. */
  const visibleEvent = (principal: Principal, eventId: string) =>
    events.get(eventId).pipe(
      Effect.filterOrFail(
        (e) => canSeeProject(principal, e.projectId),
        () => new EventNotFound({ eventId }),
      ),
    )

  /** Each attendee (survivor of any merge, not erased) with the days they attended, by person id. */
  const attendees = Effect.fn("Certificates.attendees")(function* (eventId: string) {
    const days = new Map<string, Set<IsoDate>>()
    let cursor: string | undefined
    do {
      const page = yield* participations.listByEvent(eventId, { limit: 500, cursor })
      for (const p of page.items) {
        if (p.attendedDays.length === 0) continue
        const held = days.get(p.personId) ?? new Set<IsoDate>()
        for (const d of p.attendedDays) held.add(d)
        days.set(p.personId, held)
      }
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
    const bySurvivor = new Map<string, Set<IsoDate>>()
    for (const [personId, attended] of days) {
      const survivor = yield* people.survivor(personId).pipe(Effect.orElseSucceed(() => personId))
      const held = bySurvivor.get(survivor) ?? new Set<IsoDate>()
      for (const d of attended) held.add(d)
      bySurvivor.set(survivor, held)
    }
    const found = yield* people.getMany([...bySurvivor.keys()])
    return found
      .filter((p) => !isErased(p))
      .map((person) => ({ person, days: [...(bySurvivor.get(person.id) ?? [])].sort() }))
      .sort((a, b) => (a.person.id < b.person.id ? -1 : 1))
  })

  const actionsOf = (principal: Principal): ReadonlyArray<CertificateAction> => [
    ...(allows(principal, "events", "write") ? (["issue"] as const) : []),
    ...(allows(principal, "people", "read") ? (["download"] as const) : []),
  ]

  /** Issues a certificate to each attendee who holds none; answers every certificate of the event. */
  const issue = Effect.fn("Certificates.issue")(function* (principal: Principal, eventId: string) {
    yield* visibleEvent(principal, eventId)
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const who = yield* attendees(eventId)
          const held = new Set((yield* certificates.forEvent(eventId)).map((c) => c.personId as string))
          const issuedAt = yield* clock.nowIso
          const offered: Array<Certificate> = []
          for (const { person } of who) {
            if (held.has(person.id)) continue
            offered.push(
              new Certificate({
                code: certificateCodeOf(yield* ids.random(codeBytes)),
                eventId: eventId as Event["id"],
                personId: person.id,
                issuedAt,
              }),
            )
          }
          yield* certificates.issue(offered)
          const now = yield* certificates.forEvent(eventId)
          // Only the codes that went in: a concurrent issue may have given the person one first.
          const stored = new Set(now.map((c) => c.code as string))
          for (const c of offered)
            if (stored.has(c.code))
              yield* audit({
                actor: principal.id,
                action: "issue_certificate",
                entity: `certificate:${c.code}`,
                after: { eventId, personId: c.personId, issuedAt },
              })
          return now
        }),
      ),
    )
  })

  /** The event's certificates (codes only) and what the caller may do with them. */
  const list = Effect.fn("Certificates.list")(function* (principal: Principal, eventId: string) {
    yield* visibleEvent(principal, eventId)
    const items = yield* certificates.forEvent(eventId)
    return new CertificateList({
      items: items.map((c) => ({ personId: c.personId, code: c.code, issuedAt: c.issuedAt })),
      allowedActions: actionsOf(principal),
    })
  })

  const organiserOf = (project: Project) =>
    project.funder ? `${project.title} (${project.funder})` : project.title

  /** The printed pages of `held`, each holder's read audited. */
  const sheetsOf = Effect.fn("Certificates.sheetsOf")(function* (
    principal: Principal,
    event: Event,
    held: ReadonlyArray<Certificate>,
    verifyBase: string,
  ) {
    const project = yield* projects.get(event.projectId).pipe(Effect.orDie)
    const who = new Map((yield* attendees(event.id)).map((a) => [a.person.id as string, a]))
    const holders = new Map<string, Person>(
      (yield* people.getMany(held.map((c) => c.personId))).map((p) => [p.id as string, p]),
    )
    const sheets: Array<{ sheet: CertificateSheet; person: Person }> = []
    for (const c of held) {
      const person = holders.get(c.personId)
      if (!person || isErased(person)) continue
      sheets.push({
        person,
        sheet: {
          code: c.code,
          holder: `${person.givenName} ${person.familyName}`,
          eventTitle: event.title,
          city: event.city,
          startDate: event.startDate,
          endDate: event.endDate,
          daysAttended: who.get(c.personId)?.days ?? [],
          eventDays: eventDayCount(event),
          organiser: organiserOf(project),
          issuedAt: c.issuedAt,
          verifyUrl: `${verifyBase}${c.code}`,
        },
      })
    }
    yield* writes(
      Effect.forEach(
        sheets,
        ({ person, sheet }) =>
          audit({
            actor: principal.id,
            action: "read_personal",
            entity: `person:${person.id}`,
            after: { certificate: sheet.code },
          }),
        { discard: true },
      ),
    )
    return sheets
  })

  const printed = (event: Event) => (held: ReadonlyArray<Certificate>) =>
    held.length === 0 ? Effect.fail(new NoCertificatesIssued({ eventId: event.id })) : Effect.succeed(held)

  /** All of an event's certificates in one PDF, a page each. */
  const eventPdf = Effect.fn("Certificates.eventPdf")(function* (
    principal: Principal,
    eventId: string,
    options: PrintOptions,
  ) {
    const event = yield* visibleEvent(principal, eventId)
    const held = yield* certificates.forEvent(eventId).pipe(Effect.flatMap(printed(event)))
    const sheets = yield* sheetsOf(principal, event, held, options.verifyBase)
    if (sheets.length === 0) return yield* new NoCertificatesIssued({ eventId })
    const bytes = yield* Effect.promise(() =>
      renderCertificates(
        sheets.map((s) => s.sheet),
        options.language,
      ),
    )
    return { bytes, fileName: `certificates-${eventId}.pdf`, mediaType: "application/pdf" } as CertificateFile
  })

  /** An event's certificates as a ZIP of one PDF per person. */
  const eventZip = Effect.fn("Certificates.eventZip")(function* (
    principal: Principal,
    eventId: string,
    options: PrintOptions,
  ) {
    const event = yield* visibleEvent(principal, eventId)
    const held = yield* certificates.forEvent(eventId).pipe(Effect.flatMap(printed(event)))
    const sheets = yield* sheetsOf(principal, event, held, options.verifyBase)
    if (sheets.length === 0) return yield* new NoCertificatesIssued({ eventId })
    const entries: Record<string, Uint8Array> = {}
    for (const { sheet, person } of sheets)
      entries[`${fileSafe(`${person.familyName} ${person.givenName}`) || "certificate"}-${sheet.code}.pdf`] =
        yield* Effect.promise(() => renderCertificates([sheet], options.language))
    // PDFs are compressed already; storing them spares the CPU for nothing lost.
    // fflate is imported here, on the first ZIP, so a worker never carries it (issue 9).
    const { zipSync } = yield* Effect.promise(() => import("fflate"))
    const bytes = zipSync(entries, { level: 0 })
    return { bytes, fileName: `certificates-${eventId}.zip`, mediaType: "application/zip" } as CertificateFile
  })

  /** One certificate's PDF, for a caller who may see its event. */
  const certificatePdf = Effect.fn("Certificates.certificatePdf")(function* (
    principal: Principal,
    code: string,
    options: PrintOptions,
  ) {
    const held = yield* certificates.byCode(code)
    const event = yield* visibleEvent(principal, held.eventId).pipe(
      Effect.mapError(() => new CertificateNotFound({ certificateCode: code })),
    )
    const sheets = yield* sheetsOf(principal, event, [held], options.verifyBase)
    if (sheets.length === 0) return yield* new CertificateNotFound({ certificateCode: code })
    const bytes = yield* Effect.promise(() =>
      renderCertificates(
        sheets.map((s) => s.sheet),
        options.language,
      ),
    )
    return { bytes, fileName: `certificate-${code}.pdf`, mediaType: "application/pdf" } as CertificateFile
  })

  const lookUp = (code: string) =>
    Effect.gen(function* () {
      const held = yield* certificates.byCode(code)
      const event = yield* events.get(held.eventId)
      const person = yield* people.get(held.personId).pipe(Effect.option)
      const holder = person._tag === "Some" && !isErased(person.value) ? person.value : undefined
      return new CertificateVerification({
        valid: true,
        event: { title: event.title, startDate: event.startDate, endDate: event.endDate },
        initials: holder ? initials(holder.givenName, holder.familyName) : "",
      })
    })

  /**
   * Whether a code is genuine: the event and the holder's initials only (no caller needed).
   * Unknown codes count against the asking address under the wrong-token throttle (with its own
   * counter), so codes cannot be guessed faster than tokens.
   */
  const verify = Effect.fn("Certificates.verify")(function* (code: string, address: string) {
    const checked = yield* attempts.checkToken(`certificate:${address}`, Effect.option(lookUp(code)))
    if (checked._tag === "Wait")
      return yield* new SignInThrottled({
        retryAfterSeconds: checked.retryAfterSeconds,
        message: "Too many unknown certificate codes from this address. Try again later.",
      })
    if (checked.found._tag === "None") return yield* new CertificateNotFound({ certificateCode: code })
    return checked.found.value
  })

  return { issue, list, eventPdf, eventZip, certificatePdf, verify } as const
})

/** Attendance certificates' use cases. */
export class Certificates extends Context.Tag("@coordina/app/Certificates")<
  Certificates,
  Effect.Effect.Success<typeof make>
>() {
  /** The service over the store. */
  static readonly layer = Layer.effect(Certificates, make)
}
