import { AuditLog } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { Effect } from "effect"
import { unzipSync } from "fflate"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const pdfPages = async (bytes: Uint8Array) => {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
    .promise
  const pages: Array<string> = []
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent()
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "))
  }
  await pdf.destroy()
  return pages
}

const anonymous = { Authorization: "" }

describe.each(testDatabases())("certificates over HTTP on $name", (db) => {
  let api: TestApp
  let eventId: string
  let maria: string
  let nobody: Record<string, string>

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const project = await api.json("POST", "/v1/projects", {
      code: "CERT-API",
      title: "Координация",
      startDate: "2018-01-01",
      durationMonths: 24,
      targets: [],
    })
    const institution = await api.json("POST", "/v1/institutions", {
      name: "Община Русе",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    const event = await api.json("POST", "/v1/events", {
      projectId: project.body.id,
      kind: "regional_workshop",
      title: "Регионален семинар Русе",
      startDate: "2018-05-16",
      endDate: "2018-05-17",
      city: "Русе",
    })
    eventId = event.body.id as string
    const person = await api.json("POST", "/v1/people", {
      givenName: "Мария",
      familyName: "Петрова",
      institutionId: institution.body.id,
    })
    maria = person.body.id as string
    expect(
      (
        await api.json("POST", `/v1/events/${eventId}/participations`, {
          personId: maria,
          role: "participant",
          status: "registered",
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await api.json("PUT", `/v1/events/${eventId}/participations/${maria}/attendance`, {
          days: ["2018-05-16"],
        })
      ).status,
    ).toBe(200)
    const email = "nobody@cert.test"
    const password = "certificate test passphrase"
    await api.json("POST", "/v1/users", { email, displayName: "Nobody", password, roles: [] })
    const session = await api.request(
      "POST",
      "/v1/sessions",
      { email, password, transport: "bearer" },
      { ...anonymous, "X-Forwarded-For": "198.51.100.7" },
    )
    nobody = { Authorization: `Bearer ${((await session.json()) as { token: string }).token}` }
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "refuses without a token (401), without rights (403), an unknown event (404)",
    async () => {
      for (const [method, path] of [
        ["POST", `/v1/events/${eventId}/certificates`],
        ["GET", `/v1/events/${eventId}/certificates`],
        ["GET", `/v1/events/${eventId}/certificates.pdf`],
        ["GET", `/v1/events/${eventId}/certificates.zip`],
        ["GET", "/v1/certificates/AAAA-BBBB-CCCC-DDDD-EEEE.pdf"],
      ] as const) {
        expect((await api.request(method, path, undefined, anonymous)).status, `${method} ${path}`).toBe(401)
        const refused = await api.request(method, path, undefined, nobody)
        expect(refused.status, `${method} ${path}`).toBe(403)
      }
      const unknown = await api.json("POST", "/v1/events/evt_unknown/certificates")
      expect(unknown.status).toBe(404)
      expect(unknown.body.code).toBe("EventNotFound")
      const none = await api.json("GET", `/v1/events/${eventId}/certificates.pdf`)
      expect(none.status).toBe(404)
      expect(none.body.code).toBe("NoCertificatesIssued")
    },
  )

  it.skipIf(!db.available)(
    "issues idempotently, prints PDF and ZIP, and verifies a code publicly with initials only",
    async () => {
      const issued = await api.json<{ items: Array<{ personId: string; code: string }> }>(
        "POST",
        `/v1/events/${eventId}/certificates`,
      )
      expect(issued.status).toBe(200)
      expect(issued.body.items).toHaveLength(1)
      const [{ personId, code }] = issued.body.items as [{ personId: string; code: string }]
      expect(personId).toBe(maria)
      expect((await api.json("POST", `/v1/events/${eventId}/certificates`)).body).toEqual(issued.body)

      const listed = await api.json("GET", `/v1/events/${eventId}/certificates`)
      expect(listed.body).toMatchObject({
        items: [{ personId, code }],
        allowedActions: ["issue", "download"],
      })

      const pdf = await api.request("GET", `/v1/events/${eventId}/certificates.pdf?language=en`)
      expect(pdf.status).toBe(200)
      expect(pdf.headers.get("Content-Type")).toBe("application/pdf")
      const [page] = await pdfPages(new Uint8Array(await pdf.arrayBuffer()))
      expect(page).toContain("Мария Петрова")
      expect(page).toContain(code)
      expect(page).toContain("CERTIFICATE OF ATTENDANCE")
      expect(page).toContain(`http://localhost/verify/${code}`)

      const zip = await api.request("GET", `/v1/events/${eventId}/certificates.zip`)
      expect(zip.headers.get("Content-Type")).toBe("application/zip")
      const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
      expect(Object.keys(files)).toEqual([`Петрова-Мария-${code}.pdf`])
      expect((await pdfPages(files[`Петрова-Мария-${code}.pdf`]!))[0]).toContain("УДОСТОВЕРЕНИЕ ЗА УЧАСТИЕ")

      const one = await api.request("GET", `/v1/certificates/${code}.pdf`)
      expect(one.status).toBe(200)
      expect((await pdfPages(new Uint8Array(await one.arrayBuffer())))[0]).toContain(code)
      expect((await api.json("GET", "/v1/certificates/AAAA-BBBB-CCCC-DDDD-EEEE.pdf")).status).toBe(404)

      const reads = await api.run(
        Effect.flatMap(AuditLog, (log) =>
          log.list({ entity: `person:${maria}`, action: "read_personal" }, {}),
        ),
      )
      expect(reads.items).toHaveLength(3)

      const verified = await api.request("GET", `/v1/certificates/${code}`, undefined, anonymous)
      expect(verified.status).toBe(200)
      const answer = (await verified.json()) as Body
      expect(answer).toEqual({
        valid: true,
        event: { title: "Регионален семинар Русе", startDate: "2018-05-16", endDate: "2018-05-17" },
        initials: "М. П.",
      })
      expect(JSON.stringify(answer)).not.toContain("Мария")

      const unknown = await api.request("GET", "/v1/certificates/AAAA-BBBB-CCCC-DDDD-EEEE", undefined, {
        ...anonymous,
        "X-Forwarded-For": "203.0.113.5",
      })
      expect(unknown.status).toBe(404)
      expect(unknown.headers.get("Content-Type")).toContain("application/problem+json")
      expect(((await unknown.json()) as Body).code).toBe("CertificateNotFound")
    },
  )

  it.skipIf(!db.available)(
    "throttles an address that guesses codes (429), leaving others alone",
    async () => {
      const guess = (address: string) =>
        api.request("GET", "/v1/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", undefined, {
          ...anonymous,
          "X-Forwarded-For": address,
        })
      const statuses: Array<number> = []
      for (let i = 0; i < 21; i++) statuses.push((await guess("203.0.113.66")).status)
      expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true)
      const last = await guess("203.0.113.66")
      expect(last.status).toBe(429)
      expect(Number(last.headers.get("Retry-After"))).toBeGreaterThan(0)
      expect((await guess("203.0.113.67")).status).toBe(404)
    },
  )
})
