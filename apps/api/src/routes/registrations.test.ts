import { Registrations, Today } from "@coordina/app"
import { NewRegistration, todayIn } from "@coordina/domain"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rowCounts } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>
const str = (v: unknown) => String(v)

// A clock the test moves, so a proof can be made old enough (3 s) or too old (2 h).
let nowMs = Date.parse("2026-05-01T10:00:00Z")
const clock = Layer.succeed(Today, {
  zone: "Europe/Sofia",
  date: Effect.sync(() => todayIn("Europe/Sofia", nowMs)),
  nowIso: Effect.sync(() => new Date(nowMs).toISOString()),
})
const wait = (ms: number) => {
  nowMs += ms
}

describe.each(testDatabases())("public registration API on $name", (db) => {
  let api: TestApp
  let institutionId: string
  let otherInstitutionId: string
  let projectId: string
  let address = 0

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db, { today: clock })
    const institution = (name: string) =>
      api
        .json<Body>("POST", "/v1/institutions", { name, kind: "municipality", level: "local", country: "BG" })
        .then((r) => str(r.body.id))
    institutionId = await institution("Община Плевен")
    otherInstitutionId = await institution("Община Враца")
    const project = await api.json<Body>("POST", "/v1/projects", {
      code: "REG-1",
      title: "Registration",
      startDate: "2026-01-01",
      durationMonths: 12,
      targets: [],
    })
    projectId = str(project.body.id)
  }, 60_000)
  afterAll(() => api?.dispose())

  const newEvent = async (settings?: Body) => {
    const event = await api.json<Body>("POST", "/v1/events", {
      projectId,
      kind: "training_seminar",
      title: "Семинар за интеграция",
      startDate: "2026-06-10",
      endDate: "2026-06-11",
      city: "Плевен",
    })
    const id = str(event.body.id)
    if (settings) expect((await api.json("PUT", `/v1/events/${id}/registration`, settings)).status).toBe(200)
    return id
  }

  /** A public call: no credentials, from one address per test unless told. */
  const publicCall = (method: string, path: string, body?: unknown, from = `198.51.100.${address}`) =>
    api.request(method, path, body, { Authorization: "", "X-Forwarded-For": from })

  const proofFor = async (eventId: string) => {
    const res = await publicCall("GET", `/v1/public/events/${eventId}`)
    expect(res.status).toBe(200)
    return ((await res.json()) as { proof: string }).proof
  }

  const person = (n: string, extra: Body = {}) => ({
    givenName: "Мария",
    familyName: `Иванова${n}`,
    email: `maria${n}@example.bg`,
    institutionId,
    language: "en" as const,
    ...extra,
  })

  const counts = () => api.run(rowCounts(["registrations", "people"]))

  /** The promotion e-mails in the outbox, oldest first. */
  const promotions = () =>
    api.run(
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        sql<{ payload: string }>`
          SELECT payload FROM outbox WHERE event_type = 'registration.promoted' ORDER BY created_at, id`.pipe(
          Effect.orDie,
          Effect.map((rows) => rows.map((r) => JSON.parse(r.payload))),
        ),
      ),
    )
  const confirmations = () =>
    api.run(
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        sql<{ payload: string }>`
          SELECT payload FROM outbox WHERE event_type = 'registration.confirmed' ORDER BY created_at, id`.pipe(
          Effect.orDie,
          Effect.map((rows) => rows.map((r) => JSON.parse(r.payload))),
        ),
      ),
    )

  it.skipIf(!db.available)(
    "registers, waitlists, lists for staff with an audit, and promotes on cancellation",
    async () => {
      address++
      const eventId = await newEvent({ open: true, capacity: 1, waitlist: true })
      const mailsBefore = (await confirmations()).length
      const proof = await proofFor(eventId)
      const hasty = await publicCall("POST", `/v1/public/events/${eventId}/registrations`, {
        ...person("a"),
        proof,
      })
      expect(hasty.status).toBe(422)
      expect(((await hasty.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe("proof")
      wait(5_000)
      const first = await publicCall("POST", `/v1/public/events/${eventId}/registrations`, {
        ...person("a"),
        proof,
      })
      expect(first.status).toBe(201)
      expect(await first.json()).toEqual({ status: "registered" })
      const page = (await (await publicCall("GET", `/v1/public/events/${eventId}`)).json()) as Body
      expect(page).toMatchObject({ open: true, seatsLeft: 0, waitlist: true, city: "Плевен" })
      expect(JSON.stringify(page)).not.toContain("Мария")

      // The second registers on the use case directly, to hold the cancel link the e-mail carries.
      wait(5_000)
      const second = await api.run(
        Effect.flatMap(Registrations, (s) =>
          s.register(eventId, new NewRegistration({ ...person("b"), proof, language: "bg" }), "203.0.113.9"),
        ),
      )
      expect(second).toMatchObject({ status: "waitlisted", language: "bg" })
      expect(second.calendar).toContain("DTSTART;VALUE=DATE:20260610")
      expect(second.cancelPath).toMatch(/^\/v1\/public\/registrations\/[\w-]{40,}$/)
      expect(second.cancelPagePath).toBe(`/register/cancel/${second.cancelPath.split("/").at(-1)}`)
      expect(second.email).toBe("mariab@example.bg")
      // Each registration's confirmation went to the outbox with it; only a seat comes with a calendar.
      const forEvent = (await confirmations()).slice(mailsBefore)
      expect(forEvent.map((m) => m.to)).toEqual([["mariaa@example.bg"], ["mariab@example.bg"]])
      expect(forEvent[0].calendar.content).toContain("BEGIN:VCALENDAR")
      expect(forEvent[1].calendar).toBeUndefined()
      expect(JSON.stringify(forEvent)).not.toContain("Мария")

      const list = await api.json<{ items: Array<Body> }>("GET", `/v1/events/${eventId}/registrations`)
      expect(list.body.items.map((r) => [r.familyName, r.status])).toEqual([
        ["Ивановаa", "registered"],
        ["Ивановаb", "waitlisted"],
      ])
      const audit = await api.json<{ items: Array<Body> }>(
        "GET",
        `/v1/audit?action=read_personal&entity=person:${str(list.body.items[1]!.personId)}`,
      )
      expect(audit.body.items.length).toBeGreaterThan(0)

      // Cancelling the waitlisted one frees no seat; cancelling again is unknown.
      expect((await publicCall("DELETE", second.cancelPath)).status).toBe(204)
      expect((await publicCall("DELETE", second.cancelPath)).status).toBe(404)
      expect((await publicCall("DELETE", "/v1/public/registrations/nonsense")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)("promotes the next waitlisted when a registered one cancels", async () => {
    address++
    const eventId = await newEvent({ open: true, capacity: 1, waitlist: true })
    const proof = await proofFor(eventId)
    wait(5_000)
    const register = (n: string) =>
      api.run(
        Effect.flatMap(Registrations, (s) =>
          s.register(eventId, new NewRegistration({ ...person(n), proof }), `192.0.2.${n.length}`),
        ),
      )
    const a = await register("pa")
    const b = await register("pb")
    expect([a.status, b.status]).toEqual(["registered", "waitlisted"])
    const cancelled = await api.run(
      Effect.flatMap(Registrations, (s) => s.cancel(decodeURIComponent(a.cancelPath.split("/").at(-1)!))),
    )
    expect(cancelled.promoted.map((p) => [p.personId, p.status, p.language])).toEqual([
      [b.personId, "registered", "en"],
    ])
    const staff = await api.json<Body>("GET", `/v1/events/${eventId}/registration`)
    expect(staff.body).toMatchObject({ registered: 1, waitlisted: 0 })
    // The promoted one hears they have a seat, with the calendar file, in their language.
    const mails = (await promotions()).filter((m) => m.to[0] === "mariapb@example.bg")
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe("A place is yours: Семинар за интеграция")
    expect(mails[0].text).toContain("you are now registered")
    expect(mails[0].calendar.content).toContain("DTSTART;VALUE=DATE:20260610")
    expect(mails[0].calendar.content).toContain(
      "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:MAILTO:mariapb@example.bg",
    )
    expect(JSON.stringify(mails)).not.toContain("Мария")
    // Reading the address to write to them is audited, as the system's read.
    const audit = await api.json<{ items: Array<Body> }>(
      "GET",
      `/v1/audit?action=read_personal&entity=person:${b.personId}`,
    )
    expect(audit.body.items.map((i) => i.actor)).toContain("system:registrations")
  })

  it.skipIf(!db.available)(
    "raising the capacity promotes and writes to each promoted one in their language, and no one else",
    async () => {
      address++
      const eventId = await newEvent({ open: true, capacity: 1, waitlist: true })
      const proof = await proofFor(eventId)
      wait(5_000)
      const register = (n: string, language: "bg" | "en") =>
        api.run(
          Effect.flatMap(Registrations, (s) =>
            s.register(
              eventId,
              new NewRegistration({ ...person(n, { language }), proof }),
              `192.0.2.${n.length}`,
            ),
          ),
        )
      await register("ca", "en")
      await register("cb", "bg")
      await register("ccc", "en")
      await register("cddd", "en")
      const before = (await promotions()).length
      const raised = await api.json("PUT", `/v1/events/${eventId}/registration`, {
        open: true,
        capacity: 3,
        waitlist: true,
      })
      expect(raised.status).toBe(200)
      const mails = (await promotions()).slice(before)
      expect(mails.map((m) => m.to)).toEqual([["mariacb@example.bg"], ["mariaccc@example.bg"]])
      expect(mails.map((m) => m.language)).toEqual(["bg", "en"])
      expect(mails[0].subject).toBe("Освободи се място: Семинар за интеграция")
      expect(mails[0].calendar.filename).toBe("event.ics")
      // Setting the same capacity again promotes no one and writes nothing.
      expect(
        (
          await api.json("PUT", `/v1/events/${eventId}/registration`, {
            open: true,
            capacity: 3,
            waitlist: true,
          })
        ).status,
      ).toBe(200)
      expect((await promotions()).length).toBe(before + 2)
    },
  )

  it.skipIf(!db.available)("answers 409 and stores nothing when closed or full without a list", async () => {
    address++
    const full = await newEvent({ open: true, capacity: 1, waitlist: false })
    const proof = await proofFor(full)
    wait(5_000)
    const send = (eventId: string, n: string, p: string) =>
      publicCall("POST", `/v1/public/events/${eventId}/registrations`, { ...person(n), proof: p })
    expect((await send(full, "fa", proof)).status).toBe(201)
    const before = await counts()
    const refused = await send(full, "fb", proof)
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as Body).code).toBe("EventFull")
    expect(await counts()).toEqual(before)

    address++
    const closing = new Date(nowMs + 60_000).toISOString()
    const closed = await newEvent({ open: true, waitlist: true, closesAt: closing })
    const closedProof = await proofFor(closed)
    wait(61_000)
    const late = await send(closed, "fc", closedProof)
    expect(late.status).toBe(409)
    expect(((await late.json()) as Body).code).toBe("RegistrationClosed")
    expect(await counts()).toEqual(before)
    const shut = await newEvent({ open: false, waitlist: false })
    const shutProof = await proofFor(shut)
    wait(5_000)
    expect((await send(shut, "fd", shutProof)).status).toBe(409)
    expect(await counts()).toEqual(before)
    // An event that never opened a form is not public at all.
    expect((await publicCall("GET", `/v1/public/events/${await newEvent()}`)).status).toBe(404)
  })

  it.skipIf(!db.available)("refuses bots: honeypot, forged or stale proof, and too many tries", async () => {
    address++
    const eventId = await newEvent({ open: true, waitlist: true })
    const proof = await proofFor(eventId)
    wait(5_000)
    const send = (body: Body) => publicCall("POST", `/v1/public/events/${eventId}/registrations`, body)
    const before = await counts()
    const honeypot = await send({ ...person("h"), proof, website: "http://spam.example" })
    expect(honeypot.status).toBe(422)
    expect(((await honeypot.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe("website")
    const [issued] = proof.split(".")
    expect((await send({ ...person("h"), proof: `${issued}.forged` })).status).toBe(422)
    const other = await newEvent({ open: true, waitlist: true })
    expect((await send({ ...person("h"), proof: await proofFor(other) })).status).toBe(422)
    wait(2 * 60 * 60 * 1000)
    const stale = await send({ ...person("h"), proof })
    expect(stale.status).toBe(422)
    expect(await counts()).toEqual(before)

    const fresh = await proofFor(eventId)
    wait(5_000)
    for (let i = 0; i < 5; i++) expect((await send({ ...person(`t${i}`), proof: fresh })).status).toBe(201)
    const throttled = await send({ ...person("t5"), proof: fresh })
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0)
    // Another address is not held back.
    const elsewhere = await publicCall(
      "POST",
      `/v1/public/events/${eventId}/registrations`,
      { ...person("t6"), proof: fresh },
      "198.51.100.250",
    )
    expect(elsewhere.status).toBe(201)
  })

  it.skipIf(!db.available)(
    "matches by e-mail, and a same name elsewhere becomes a new person in the duplicates queue",
    async () => {
      address++
      const known = await api.json<Body>("POST", "/v1/people", {
        givenName: "Петър",
        familyName: "Стоянов",
        email: "petar@example.bg",
        institutionId,
      })
      const eventId = await newEvent({ open: true, waitlist: false })
      const proof = await proofFor(eventId)
      wait(5_000)
      const register = (body: Body) =>
        api.run(
          Effect.flatMap(Registrations, (s) =>
            s.register(
              eventId,
              Schema.decodeUnknownSync(NewRegistration)({ ...body, proof }),
              `192.0.2.${Math.random()}`,
            ),
          ),
        )
      const byEmail = await register({
        givenName: "Petar",
        familyName: "Stoyanov",
        email: " PETAR@example.bg ",
        institutionId: otherInstitutionId,
      })
      expect(byEmail.personId).toBe(known.body.id)
      const before = await counts()
      const namesake = await register({
        givenName: "Петър",
        familyName: "Стоянов",
        email: "p.stoyanov@example.bg",
        institutionName: "община враца",
      })
      expect(namesake.personId).not.toBe(known.body.id)
      expect((await counts()).people).toBe(before.people! + 1)
      const dupes = await api.json<{ items: Array<{ people: Array<Body> }> }>("GET", "/v1/people/duplicates")
      const ids = dupes.body.items.flatMap((g) => g.people.map((p) => p.id))
      expect(ids).toEqual(expect.arrayContaining([known.body.id, namesake.personId]))
      const unknown = await publicCall("POST", `/v1/public/events/${eventId}/registrations`, {
        givenName: "Ана",
        familyName: "Коева",
        email: "ana@example.bg",
        institutionName: "Няма такава",
        proof,
      })
      expect(unknown.status).toBe(422)
      expect(((await unknown.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe(
        "institutionName",
      )
    },
  )

  it.skipIf(!db.available)("serves the event as an iCalendar file", async () => {
    const eventId = await newEvent({ open: true, waitlist: false })
    const res = await publicCall("GET", `/v1/public/events/${eventId}.ics?lang=en`)
    expect(res.status).toBe(200)
    expect(res.headers.get("Content-Type")).toMatch(/^text\/calendar/)
    const text = await res.text()
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(text).toContain("DTSTART;VALUE=DATE:20260610")
    expect(text).toContain("DTEND;VALUE=DATE:20260612")
    expect(text).toContain(`UID:${eventId}@coordina`)
    expect(text).toContain("X-WR-CALNAME:Coordina — events")
  })
})
