import { IsoDate, NewEvent, NewParticipation, type Principal } from "@coordina/domain"
import { AuditLog, CertificatesRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { unzipSync } from "fflate"
import { Certificates } from "./Certificates.js"
import { Events } from "./Events.js"
import { People } from "./People.js"
import { callers, personAt, testApp, twoProjects } from "./testing/index.js"

const pdfPages = (bytes: Uint8Array) =>
  Effect.promise(async () => {
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
      .promise
    const pages: Array<string> = []
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent()
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "))
    }
    await pdf.destroy()
    return pages
  })

const print = { language: "bg", verifyBase: "https://coordina.example/verify/" } as const

/** A two-day workshop of `projectId` with: an attending participant, an attending speaker, a no-show. */
const workshop = (coordinator: Principal, projectId: string, institutionId: string) =>
  Effect.gen(function* () {
    const events = yield* Events
    const event = yield* events.create(
      coordinator,
      Schema.decodeUnknownSync(NewEvent)({
        projectId,
        kind: "regional_workshop",
        title: "Семинар в Русе",
        startDate: "2018-05-16",
        endDate: "2018-05-17",
        city: "Русе",
      }),
    )
    const attend = (personId: string, role: string, days: ReadonlyArray<string>) =>
      Effect.gen(function* () {
        yield* events.register(
          coordinator,
          event.id,
          Schema.decodeUnknownSync(NewParticipation)({ personId, role, status: "registered" }),
        )
        if (days.length > 0)
          yield* events.setAttendance(
            coordinator,
            event.id,
            personId,
            days.map((d) => IsoDate.make(d)),
            undefined,
          )
      })
    const maria = yield* personAt(institutionId, "Мария", "Петрова")
    const jean = yield* personAt(institutionId, "Jean", "Dupont")
    const absent = yield* personAt(institutionId, "Иван", "Неявил")
    yield* attend(maria.id, "participant", ["2018-05-16", "2018-05-17"])
    yield* attend(jean.id, "speaker", ["2018-05-17"])
    yield* attend(absent.id, "participant", [])
    return { event, maria, jean, absent }
  })

describe.each(testDatabases())("Certificates on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "issues one to each attendee of any role, idempotently, an audit entry per certificate, and verifies by code",
    () =>
      Effect.gen(function* () {
        const certificates = yield* Certificates
        const { institutionId, mine } = yield* twoProjects
        const coordinator = callers.coordinatorOf(mine)
        const { event, maria, jean } = yield* workshop(coordinator, mine, institutionId)

        const first = yield* certificates.issue(coordinator, event.id)
        expect(first.map((c) => c.personId).sort()).toEqual([maria.id, jean.id].sort())
        const again = yield* certificates.issue(coordinator, event.id)
        expect(again.map((c) => [c.personId, c.code])).toEqual(first.map((c) => [c.personId, c.code]))

        const log = yield* AuditLog
        const issued = yield* log.list({ action: "issue_certificate" }, {})
        expect(issued.items.map((e) => e.entity).sort()).toEqual(
          first.map((c) => `certificate:${c.code}`).sort(),
        )

        const code = first.find((c) => c.personId === maria.id)!.code
        const verified = yield* certificates.verify(code, "192.0.2.9")
        expect({ ...verified }).toEqual({
          valid: true,
          event: { title: "Семинар в Русе", startDate: "2018-05-16", endDate: "2018-05-17" },
          initials: "М. П.",
        })
        expect((yield* Effect.flip(certificates.verify("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", "192.0.2.9")))._tag).toBe(
          "CertificateNotFound",
        )
        const listed = yield* certificates.list(callers.auditor, event.id)
        expect(listed.items).toHaveLength(2)
        expect(listed.allowedActions).toEqual(["download"])
        expect((yield* certificates.list(coordinator, event.id)).allowedActions).toEqual([
          "issue",
          "download",
        ])
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "a merged record's attendance counts for the survivor: one certificate with the days of both",
    () =>
      Effect.gen(function* () {
        const certificates = yield* Certificates
        const events = yield* Events
        const { institutionId, mine } = yield* twoProjects
        const coordinator = callers.coordinatorOf(mine)
        const { event, maria } = yield* workshop(coordinator, mine, institutionId)
        const twin = yield* personAt(institutionId, "Мария", "Петрова-Иванова")
        yield* events.register(
          coordinator,
          event.id,
          Schema.decodeUnknownSync(NewParticipation)({
            personId: twin.id,
            role: "participant",
            status: "registered",
          }),
        )
        yield* events.setAttendance(coordinator, event.id, twin.id, [IsoDate.make("2018-05-16")], undefined)
        yield* (yield* People).merge(callers.admin, twin.id, maria.id)
        const issued = yield* certificates.issue(coordinator, event.id)
        expect(issued.filter((c) => c.personId === twin.id)).toEqual([])
        expect(issued.filter((c) => c.personId === maria.id)).toHaveLength(1)
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "prints the PDF (Cyrillic name, code) and the ZIP, auditing each holder read, and refuses other projects",
    () =>
      Effect.gen(function* () {
        const certificates = yield* Certificates
        const { institutionId, mine, other } = yield* twoProjects
        const coordinator = callers.coordinatorOf(mine)
        const { event, maria, jean } = yield* workshop(coordinator, mine, institutionId)

        expect((yield* Effect.flip(certificates.eventPdf(coordinator, event.id, print)))._tag).toBe(
          "NoCertificatesIssued",
        )
        const issued = yield* certificates.issue(coordinator, event.id)
        const mariaCode = issued.find((c) => c.personId === maria.id)!.code

        const pdf = yield* certificates.eventPdf(coordinator, event.id, print)
        expect(pdf.mediaType).toBe("application/pdf")
        const pages = yield* pdfPages(pdf.bytes)
        expect(pages).toHaveLength(2)
        const mariaPage = pages.find((p) => p.includes("Мария Петрова"))
        expect(mariaPage).toContain(mariaCode)
        expect(mariaPage).toContain("Присъствие: 2 от 2 дни")
        expect(mariaPage).toContain(`https://coordina.example/verify/${mariaCode}`)
        expect(mariaPage).toContain("MINE")

        const zip = yield* certificates.eventZip(coordinator, event.id, { ...print, language: "en" })
        const files = unzipSync(zip.bytes)
        const names = Object.keys(files).sort()
        expect(names).toHaveLength(2)
        expect(names.some((n) => n.startsWith("Петрова-Мария-") && n.endsWith(`${mariaCode}.pdf`))).toBe(true)
        const jeanFile = names.find((n) => n.startsWith("Dupont-Jean-"))!
        const [jeanPage] = yield* pdfPages(files[jeanFile]!)
        expect(jeanPage).toContain("CERTIFICATE OF ATTENDANCE")
        expect(jeanPage).toContain("Attendance: 1 of 2 days")

        const one = yield* certificates.certificatePdf(callers.auditor, mariaCode, print)
        expect((yield* pdfPages(one.bytes))[0]).toContain("Мария Петрова")

        const log = yield* AuditLog
        const reads = yield* log.list({ entity: `person:${maria.id}`, action: "read_personal" }, {})
        // The event PDF, the ZIP and the single certificate: one entry each.
        expect(reads.items).toHaveLength(3)
        expect(
          (yield* log.list({ entity: `person:${jean.id}`, action: "read_personal" }, {})).items,
        ).toHaveLength(2)

        const outsider = callers.coordinatorOf(other)
        expect((yield* Effect.flip(certificates.issue(outsider, event.id)))._tag).toBe("EventNotFound")
        expect((yield* Effect.flip(certificates.eventPdf(outsider, event.id, print)))._tag).toBe(
          "EventNotFound",
        )
        expect((yield* Effect.flip(certificates.certificatePdf(outsider, mariaCode, print)))._tag).toBe(
          "CertificateNotFound",
        )
        // Nothing was issued or read by the refused calls.
        expect((yield* (yield* CertificatesRepository).forEvent(event.id)).length).toBe(2)
        expect(
          (yield* log.list({ entity: `person:${maria.id}`, action: "read_personal" }, {})).items,
        ).toHaveLength(3)
      }).pipe(Effect.provide(testApp(db))),
  )
})
