import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const questions = [
  { id: "useful", kind: "scale", text: { bg: "Полезно ли беше събитието?", en: "Was the event useful?" } },
  {
    id: "format",
    kind: "single",
    text: { en: "Which format?" },
    options: [
      { id: "online", text: { en: "Online" } },
      { id: "inperson", text: { bg: "Присъствено" } },
    ],
  },
  { id: "comment", kind: "text", text: { bg: "Коментар" } },
]

describe.each(testDatabases())("event evaluations on $name", (db) => {
  let api: TestApp
  let projectId: string
  let eventId: string
  const people: Array<string> = []

  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await api.json<Body>(method, path, body)
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
    return res.body
  }
  const open = (method: string, path: string, body?: unknown) =>
    api.request(method, path, body, { Authorization: "" })
  const answersStored = () =>
    api.run(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const rows = yield* sql`SELECT * FROM evaluation_answers ORDER BY id`
        return rows
      }).pipe(Effect.orDie),
    )

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    projectId = (
      await ok("POST", "/v1/projects", {
        code: "EVAL",
        title: "Evaluations",
        startDate: "2026-01-01",
        durationMonths: 24,
        targets: [],
      })
    ).id as string
    eventId = (
      await ok("POST", "/v1/events", {
        projectId,
        kind: "regional_workshop",
        title: "Регионален семинар, Русе",
        startDate: "2026-11-10",
        endDate: "2026-11-11",
        city: "Русе",
      })
    ).id as string
    const institution = await ok("POST", "/v1/institutions", {
      name: "Община Русе",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    for (const [givenName, attended] of [
      ["Ана", true],
      ["Борис", true],
      ["Вера", false],
    ] as const) {
      const person = await ok("POST", "/v1/people", {
        givenName,
        familyName: "Иванова",
        institutionId: institution.id,
      })
      people.push(person.id as string)
      await ok("POST", `/v1/events/${eventId}/participations`, {
        personId: person.id,
        role: "participant",
        status: "registered",
      })
      if (attended)
        await ok("PUT", `/v1/events/${eventId}/participations/${person.id}/attendance`, {
          days: ["2026-11-10"],
        })
    }
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "refuses a questionnaire with no question or a bad usefulness, with paths",
    async () => {
      const empty = await api.json<Body>("PUT", `/v1/events/${eventId}/evaluation`, {
        questions: [],
        closesAt: "2099-01-01T00:00:00Z",
      })
      expect(empty.status).toBe(422)
      expect(empty.body.code).toBe("QuestionnaireInvalid")
      expect(empty.body.errors).toEqual([{ path: "questions", message: "must hold at least one question" }])
      const bad = await api.json<Body>("PUT", `/v1/events/${eventId}/evaluation`, {
        questions,
        closesAt: "2099-01-01T00:00:00Z",
        usefulness: { questionId: "comment", counts: [5] },
      })
      expect(bad.status).toBe(422)
      expect((bad.body.errors as Array<Body>).map((e) => e.path)).toEqual(["usefulness.questionId"])
      expect((await api.json("GET", `/v1/events/${eventId}/evaluation`)).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "takes answers once per link, edits them, and shows results without names",
    async () => {
      const set = await ok("PUT", `/v1/events/${eventId}/evaluation`, {
        questions,
        closesAt: "2099-01-01T00:00:00+02:00",
        usefulness: { questionId: "useful", counts: [4, 5] },
      })
      expect(set).toMatchObject({ anonymous: true, closesAt: "2098-12-31T22:00:00.000Z" })

      const links = (await ok("GET", `/v1/events/${eventId}/evaluation/links`)).items as Array<Body>
      expect(links.map((l) => l.personId).sort()).toEqual([people[0], people[1]].sort())
      for (const l of links) expect(l.token).toMatch(/^[A-Za-z0-9_-]{22}$/)
      const audited = await ok("GET", `/v1/audit?entity=evaluation:${eventId}&action=read_personal`)
      expect((audited.items as Array<unknown>).length).toBe(1)
      const [first, second] = links.map((l) => l.token as string)

      const seen = await open("GET", `/v1/public/evaluations/${first}`)
      expect(seen.status).toBe(200)
      const questionnaire = (await seen.json()) as Body
      expect(questionnaire).toMatchObject({ closed: false, event: { title: "Регионален семинар, Русе" } })
      expect(questionnaire.answers).toBeUndefined()

      const outside = await open("POST", `/v1/public/evaluations/${first}`, {
        answers: { useful: 6, format: "tv" },
      })
      expect(outside.status).toBe(422)
      const problem = (await outside.json()) as Body
      expect(problem.code).toBe("AnswersInvalid")
      expect((problem.errors as Array<Body>).map((e) => e.path)).toEqual(["answers.useful", "answers.format"])
      expect(await answersStored()).toEqual([])

      expect(
        (
          await open("POST", `/v1/public/evaluations/${first}`, {
            answers: { useful: 5, comment: "Полезно" },
          })
        ).status,
      ).toBe(201)
      const again = await open("POST", `/v1/public/evaluations/${first}`, { answers: { useful: 1 } })
      expect(again.status).toBe(409)
      expect(((await again.json()) as Body).code).toBe("AlreadyAnswered")
      expect((await open("PUT", `/v1/public/evaluations/${second}`, { answers: { useful: 1 } })).status).toBe(
        404,
      )
      expect(
        (await open("PUT", `/v1/public/evaluations/${first}`, { answers: { useful: 4, format: "online" } }))
          .status,
      ).toBe(200)
      expect(((await (await open("GET", `/v1/public/evaluations/${first}`)).json()) as Body).answers).toEqual(
        {
          useful: 4,
          format: "online",
        },
      )
      expect(
        (
          await open("POST", `/v1/public/evaluations/${second}`, {
            answers: { useful: 2, format: "inperson" },
          })
        ).status,
      ).toBe(201)
      expect(
        (
          await ok("POST", `/v1/events/${eventId}/evaluation/paper`, {
            answers: { useful: 5, comment: "На хартия" },
          })
        ).submittedAt,
      ).toBeTypeOf("string")
      expect((await open("GET", "/v1/public/evaluations/AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404)

      // Anonymous: no stored sheet names its participation.
      const stored = await answersStored()
      expect(stored.length).toBe(3)
      for (const row of stored) expect(row.participationId).toBeNull()

      const results = await ok("GET", `/v1/events/${eventId}/evaluation/results`)
      expect(results.respondents).toBe(3)
      expect(results.usefulShare).toBeCloseTo(2 / 3, 9)
      const [useful, format, comment] = results.questions as Array<Body>
      expect(useful!.counts).toEqual({ "1": 0, "2": 1, "3": 0, "4": 1, "5": 1 })
      expect(format!.counts).toEqual({ online: 1, inperson: 1 })
      expect(comment!.texts).toEqual(["На хартия"])
      expect(JSON.stringify(results)).not.toContain(people[0])

      const reach = await ok("GET", `/v1/projects/${projectId}/reach?asOf=2026-12-01`)
      expect(reach.usefulShare).toBeCloseTo(2 / 3, 9)

      // Handing out the links again: who answered keeps their link and is not listed.
      const reissued = (await ok("GET", `/v1/events/${eventId}/evaluation/links`)).items as Array<Body>
      expect(reissued).toEqual([])
    },
  )

  it.skipIf(!db.available)(
    "takes only one of three first answers sent at once through the same link",
    async () => {
      const raceEvent = (
        await ok("POST", "/v1/events", {
          projectId,
          kind: "working_meeting",
          title: "Race",
          startDate: "2026-11-12",
          endDate: "2026-11-12",
          city: "Русе",
        })
      ).id as string
      await ok("POST", `/v1/events/${raceEvent}/participations`, {
        personId: people[0],
        role: "participant",
        status: "registered",
      })
      await ok("PUT", `/v1/events/${raceEvent}/participations/${people[0]}/attendance`, {
        days: ["2026-11-12"],
      })
      await ok("PUT", `/v1/events/${raceEvent}/evaluation`, {
        questions,
        closesAt: "2099-01-01T00:00:00Z",
        anonymous: false,
      })
      const [link] = (await ok("GET", `/v1/events/${raceEvent}/evaluation/links`)).items as Array<Body>
      const before = (await answersStored()).length
      const statuses = await Promise.all(
        [1, 2, 3].map((n) =>
          open("POST", `/v1/public/evaluations/${link!.token}`, { answers: { useful: n } }),
        ),
      ).then((all) => all.map((r) => r.status).sort())
      expect(statuses).toEqual([201, 409, 409])
      const after = await answersStored()
      expect(after.length).toBe(before + 1)
      // Not anonymous: this sheet names its participation.
      expect(after.filter((r) => r.participationId !== null).length).toBe(1)
    },
  )

  it.skipIf(!db.available)("refuses answers and changes once the survey has closed", async () => {
    const closedEvent = (
      await ok("POST", "/v1/events", {
        projectId,
        kind: "working_meeting",
        title: "Closed",
        startDate: "2026-11-10",
        endDate: "2026-11-10",
        city: "Русе",
      })
    ).id as string
    await ok("POST", `/v1/events/${closedEvent}/participations`, {
      personId: people[2],
      role: "participant",
      status: "registered",
    })
    await ok("PUT", `/v1/events/${closedEvent}/participations/${people[2]}/attendance`, {
      days: ["2026-11-10"],
    })
    await ok("PUT", `/v1/events/${closedEvent}/evaluation`, { questions, closesAt: "2020-01-01T00:00:00Z" })
    const [link] = (await ok("GET", `/v1/events/${closedEvent}/evaluation/links`)).items as Array<Body>
    const before = (await answersStored()).length
    const late = await open("POST", `/v1/public/evaluations/${link!.token}`, { answers: { useful: 5 } })
    expect(late.status).toBe(409)
    expect(((await late.json()) as Body).code).toBe("EvaluationClosed")
    expect(((await (await open("GET", `/v1/public/evaluations/${link!.token}`)).json()) as Body).closed).toBe(
      true,
    )
    expect((await answersStored()).length).toBe(before)
  })
})
