import { SheetRowOutcome, SignInSheetResult } from "@coordina/domain"
import { testDatabases } from "@coordina/store/testing"
import ExcelJS from "exceljs"
import { Schema } from "effect"
import iconv from "iconv-lite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { xlsxType } from "../sheets/SheetFile.js"
import { outcomesJson } from "./signInSheets.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const header = [
  "given_name",
  "family_name",
  "email",
  "gender",
  "institution_id",
  "institution_name",
  "role",
  "days",
]

const csv = (rows: ReadonlyArray<ReadonlyArray<string>>, sep = ",", eol = "\n") =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(sep))
    .join(eol) + eol

interface Result {
  rows: number
  peopleCreated: number
  peopleMatched: number
  possibleDuplicates: Array<{ row: number; personId?: string; candidates: Array<{ personId: string }> }>
  participations: { created: number; updated: number; unchanged: number }
  people: Array<{
    row: number
    outcome: string
    personId?: string
    givenName: string
    matchedBy?: string
    notCounted?: string
  }>
  dryRun: boolean
}

interface Problem {
  status: number
  errors: Array<{ row: number; column: string; message: string }>
}

describe.each(testDatabases())("sign-in sheet import on $name", (db) => {
  let api: TestApp
  let pid: string
  let m1: string
  let n1: string
  let f1: string
  let e1: string
  let e2: string

  const upload = async <A = Result>(
    eventId: string,
    body: string | Uint8Array,
    type = "text/csv",
    dryRun = false,
  ) => {
    const res = await api.request(
      "POST",
      `/v1/events/${eventId}/sign-in-sheet${dryRun ? "?dryRun=true" : ""}`,
      body,
      {
        "Content-Type": type,
      },
    )
    return { status: res.status, body: (await res.json()) as A }
  }
  const directTotal = async () =>
    (await api.json<{ direct: { total: number } }>("GET", `/v1/projects/${pid}/reach?asOf=2018-12-31`)).body
      .direct.total

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const project = await api.json("POST", "/v1/projects", {
      code: "SHEETS-1",
      title: "Sheets",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 5 }],
    })
    pid = project.body.id as string
    const inst = async (body: Record<string, unknown>) =>
      (await api.json("POST", "/v1/institutions", body)).body.id as string
    m1 = await inst({
      name: "Столична община",
      kind: "municipality",
      level: "local",
      country: "BG",
      planningRegion: "BG41",
      province: "BG411",
    })
    n1 = await inst({
      name: "Фондация Пример",
      kind: "ngo",
      level: "central",
      country: "BG",
      planningRegion: "BG41",
      province: "BG411",
    })
    f1 = await inst({
      name: "Integrationsamt Beispiel",
      kind: "state_authority",
      level: "central",
      country: "DE",
    })
    const event = async (body: Record<string, unknown>) =>
      (
        await api.json("POST", "/v1/events", {
          projectId: pid,
          city: "София",
          planningRegion: "BG41",
          ...body,
        })
      ).body.id as string
    e1 = await event({
      kind: "regional_workshop",
      title: "Workshop",
      startDate: "2018-03-01",
      endDate: "2018-03-01",
    })
    e2 = await event({
      kind: "training_seminar",
      title: "Seminar",
      startDate: "2018-05-10",
      endDate: "2018-05-11",
    })
  })
  afterAll(() => api?.dispose())

  const first = () =>
    csv([
      ["Мария", "Петрова", "maria@example.bg", "female", "", "Столична община", "participant", "all"],
      ["Иван", "Иванов", "", "male", m1, "", "participant", "all"],
      ["Hans", "Müller", "hans@example.de", "male", f1, "", "participant", "all"],
      ["Георги", "Димитров", "", "male", n1, "", "speaker", "all"],
    ])
  const second = () =>
    csv([
      ["Maria", "Petrova", "", "", m1, "", "participant", "2018-05-10"],
      ["IVAN", "IVANOV", "ivan@example.bg", "", "", "Столична община", "participant", "all"],
      ["Георги", "Димитров", "", "", n1, "", "participant", "2018-05-11"],
      ["Елена", "Стоянова-Кирова", "elena@example.bg", "female", n1, "", "participant", "all"],
      ["Elena", "Stoyanova Kirova", "", "", m1, "", "participant", "all"],
    ])

  it.skipIf(!db.available)(
    "previews the contract smoke's first sheet without storing it, then imports it",
    async () => {
      const preview = await upload(e1, first(), "text/csv", true)
      expect(preview.status).toBe(200)
      expect(preview.body).toMatchObject({ dryRun: true, rows: 4, peopleCreated: 4, peopleMatched: 0 })
      expect(preview.body.people.every((p) => p.personId === undefined)).toBe(true)
      // What the preview says will not count is what reach leaves out once imported.
      expect(preview.body.people.map((p) => p.notCounted)).toEqual([
        undefined,
        undefined,
        "outside_target_group",
        "role",
      ])
      expect(await directTotal()).toBe(0)

      const done = await upload(e1, first())
      expect(done.status).toBe(200)
      expect(done.body).toMatchObject({
        dryRun: false,
        rows: 4,
        peopleCreated: 4,
        peopleMatched: 0,
        possibleDuplicates: [],
      })
      expect(done.body.participations).toEqual({ created: 4, updated: 0, unchanged: 0 })
      expect(await directTotal()).toBe(2) // Мария and Иван: Hans is not in the target group, Георги spoke
    },
  )

  it.skipIf(!db.available)(
    "matches across scripts and lists a namesake elsewhere on the second sheet",
    async () => {
      const done = await upload(e2, second())
      expect(done.status).toBe(200)
      expect(done.body).toMatchObject({ rows: 5, peopleCreated: 2, peopleMatched: 3 })
      expect(done.body.possibleDuplicates).toHaveLength(1)
      expect(done.body.possibleDuplicates[0]).toMatchObject({ row: 6 })
      expect(done.body.people.map((p) => p.matchedBy ?? p.outcome)).toEqual([
        "name_and_institution",
        "name_and_institution",
        "name_and_institution",
        "created",
        "created",
      ])
      expect(await directTotal()).toBe(5)
      // Иван now has the email the sheet gave him: a new person with it is refused.
      const clash = await api.json("POST", "/v1/people", {
        givenName: "X",
        familyName: "Y",
        email: "IVAN@example.bg",
        institutionId: m1,
      })
      expect(clash.status).toBe(409)
    },
  )

  it.skipIf(!db.available)("flags an event outside the project period on create, read and list", async () => {
    const late = await api.json("POST", "/v1/events", {
      projectId: pid,
      kind: "conference",
      title: "Seven years late",
      startDate: "2026-05-01",
      endDate: "2026-05-01",
      city: "София",
    })
    expect(late.status).toBe(201)
    expect(late.body.outsideProjectPeriod).toBe(true)
    const read = await api.json("GET", `/v1/events/${late.body.id as string}`)
    expect(read.body.outsideProjectPeriod).toBe(true)
    const list = await api.json<{ items: Array<{ id: string; outsideProjectPeriod: boolean }> }>(
      "GET",
      `/v1/events?projectId=${pid}&limit=100`,
    )
    const flags = Object.fromEntries(list.body.items.map((e) => [e.id, e.outsideProjectPeriod]))
    expect(flags).toMatchObject({ [e1]: false, [e2]: false, [late.body.id as string]: true })
  })

  it.skipIf(!db.available)("changes nothing when the same sheet comes again", async () => {
    const again = await upload(e2, second())
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ peopleCreated: 0, peopleMatched: 5, possibleDuplicates: [] })
    expect(again.body.participations).toEqual({ created: 0, updated: 0, unchanged: 5 })
    expect(await directTotal()).toBe(5)
  })

  it.skipIf(!db.available)(
    "rejects a sheet with one bad row as a whole, storing nothing from it",
    async () => {
      const bad = await upload<Problem>(
        e1,
        csv([
          ["Нов", "Участник", "", "", m1, "", "participant", "all"],
          ["Друг", "Участник", "", "", "no-such-institution", "", "participant", "all"],
          ["Трети", "Участник", "", "", m1, "", "participant", "2018-03-02"],
        ]),
      )
      expect(bad.status).toBe(422)
      expect(bad.body.errors).toEqual([
        { row: 3, column: "institution_id", message: 'No institution has the id "no-such-institution".' },
        expect.objectContaining({ row: 4, column: "days" }),
      ])
      expect(await directTotal()).toBe(5)
      const preview = await upload(
        e1,
        csv([["Нов", "Участник", "", "", m1, "", "participant", "all"]]),
        "text/csv",
        true,
      )
      expect(preview.body).toMatchObject({ peopleCreated: 1, peopleMatched: 0 })
    },
  )

  it.skipIf(!db.available)("reads a semicolon-separated Windows-1251 sheet with CRLF line ends", async () => {
    const text = csv(
      [["Петър", "Николов", "petar@example.bg", "male", "", "Фондация Пример", "", "2018-05-10"]],
      ";",
      "\r\n",
    )
    const done = await upload(e2, iconv.encode(text, "win1251"), "text/csv")
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({
      peopleCreated: 1,
      people: [{ givenName: "Петър", outcome: "created" }],
    })
    expect(await directTotal()).toBe(6)
  })

  it.skipIf(!db.available)("reads an XLSX workbook whose days column holds a date cell", async () => {
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet("Присъствие")
    sheet.addRow(header)
    sheet.addRow(["Анна", "Маринова", "", "female", n1, "", "", new Date(Date.UTC(2018, 4, 11))])
    sheet.addRow(["Petar", "Nikolov", "", "", "", "Fondatsia Primer", "", "all"])
    const done = await upload(e2, new Uint8Array(await wb.xlsx.writeBuffer()), xlsxType)
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({
      peopleCreated: 1,
      peopleMatched: 1,
      participations: { created: 1, updated: 1 },
    })
    expect(await directTotal()).toBe(7)
  })

  it.skipIf(!db.available)(
    "says what is wrong with a file that is not a sheet, a wrong header, an unknown event",
    async () => {
      const pdf = await upload<Problem>(e1, "%PDF-1.4\n%\u00e2\u00e3\n", "application/pdf")
      expect(pdf.status).toBe(422)
      expect(pdf.body.errors[0]).toMatchObject({ row: 0, message: expect.stringMatching(/PDF/) })
      const empty = await upload<Problem>(e1, "", "text/csv")
      expect(empty.status).toBe(422)
      const wrong = await upload<Problem>(e1, "given_name,surname,email\nА,Б,\n", "text/csv")
      expect(wrong.status).toBe(422)
      expect(wrong.body.errors.map((e) => e.column)).toEqual([
        "surname",
        "family_name",
        "gender",
        "institution_id",
        "institution_name",
        "role",
        "days",
      ])
      const missing = await api.request("POST", "/v1/events/evt_nope/sign-in-sheet", first(), {
        "Content-Type": "text/csv",
      })
      expect(missing.status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "answers a sheet of many rows with every row, in order, as the result schema decodes it",
    async () => {
      // More rows than the answer writes in one piece, so the pieces must join into one document.
      const many = Array.from({ length: 450 }, (_, k) => [
        `Many${k}`,
        "Rows",
        "",
        "",
        m1,
        "",
        "participant",
        "all",
      ])
      const preview = await upload<unknown>(e2, csv(many), "text/csv", true)
      expect(preview.status).toBe(200)
      const decoded = Schema.decodeUnknownSync(SignInSheetResult)(preview.body)
      expect(decoded.rows).toBe(450)
      expect(decoded.people.map((p) => p.row)).toEqual(many.map((_, k) => k + 2))
      expect(decoded.people.map((p) => p.givenName)).toEqual(many.map((r) => r[0]))
    },
  )

  it.skipIf(!db.available)("writes one audit entry for an import", async () => {
    const audit = await api.json<{ items: Array<{ action: string; entity: string }> }>(
      "GET",
      `/v1/audit?entity=event:${e1}`,
    )
    if (audit.status === 200)
      expect(audit.body.items.filter((i) => i.action === "import_sign_in_sheet")).toHaveLength(1)
    else expect(audit.status).toBe(404) // the audit API is not mounted yet
  })
})

describe.each(testDatabases().filter((d) => d.name === "sqlite"))(
  "sign-in sheet size limit on $name",
  (db) => {
    it("refuses a sheet over the sheet limit with 413, and lets a larger JSON-sized sheet through under it", async () => {
      const api = await startTestApp(db, { bodyLimitBytes: 100, sheetLimitBytes: 2000 })
      try {
        const big = await api.request("POST", "/v1/events/evt_x/sign-in-sheet", "x".repeat(3000), {
          "Content-Type": "text/csv",
        })
        expect(big.status).toBe(413)
        const underSheetLimit = await api.request(
          "POST",
          "/v1/events/evt_x/sign-in-sheet",
          csv([["А", "Б", "", "", "i", "", "", "all"]]),
          {
            "Content-Type": "text/csv",
          },
        )
        expect(underSheetLimit.status).toBe(404)
      } finally {
        await api.dispose()
      }
    })
  },
)

describe("outcomesJson", () => {
  it("writes the text the outcomes' schema encoding gives, optional fields present or not", () => {
    const outcomes: ReadonlyArray<typeof SheetRowOutcome.Type> = [
      {
        row: 2,
        outcome: "matched",
        givenName: "Мария",
        familyName: 'Петрова "Мими"',
        institutionId: "ins_1",
        personId: "per_1",
        matchedBy: "email",
        notCounted: "too_few_days",
      },
      { row: 3, outcome: "created", givenName: "Ivan", familyName: "Ivanov", institutionId: "ins_2" },
      {
        row: 4,
        outcome: "created",
        notCounted: "role",
        institutionId: "ins_3",
        familyName: "Georgieva",
        givenName: "Ana",
        personId: undefined,
      },
    ]
    const encoded = JSON.stringify(Schema.encodeSync(Schema.Array(SheetRowOutcome))(outcomes))
    expect(outcomesJson(outcomes)).toBe(encoded)
    expect(outcomesJson([])).toBe("[]")
  })
})
