import { readRows, sheetColumns } from "@coordina/domain"
import { testDatabases } from "@coordina/store/testing"
import { Effect, Either } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readSheetFile, xlsxType } from "../sheets/SheetFile.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const formats = [
  { format: "csv", type: "text/csv" },
  { format: "xlsx", type: xlsxType },
] as const

describe.each(testDatabases())("the sign-in sheet template on $name", (db) => {
  let api: TestApp
  let eventId: string

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const project = await api.json("POST", "/v1/projects", {
      code: "TPL-1",
      title: "Template",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 5 }],
    })
    await api.json("POST", "/v1/institutions", {
      name: "Столична община",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    const event = await api.json("POST", "/v1/events", {
      projectId: project.body.id,
      kind: "regional_workshop",
      title: "Workshop",
      startDate: "2018-03-01",
      endDate: "2018-03-01",
      city: "София",
    })
    eventId = event.body.id as string
  })
  afterAll(() => api?.dispose())

  const download = async (format: string, lang: string) => {
    const res = await api.request("GET", `/v1/sign-in-sheets/template?format=${format}&lang=${lang}`)
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) }
  }

  for (const { format, type } of formats)
    for (const lang of ["bg", "en"])
      it.skipIf(!db.available)(
        `${format} in ${lang}: read back by the import's reader, refused as it is`,
        async () => {
          const { res, bytes } = await download(format, lang)
          expect(res.status).toBe(200)
          expect(res.headers.get("content-type")).toContain(type)
          expect(res.headers.get("content-disposition")).toContain(`.${format}`)
          const table = await Effect.runPromise(readSheetFile(bytes, type))
          expect(table.header).toEqual([...sheetColumns])
          const read = readRows(table, {
            event: { startDate: "2018-03-01" as never, endDate: "2018-03-01" as never },
            institutions: [],
          })
          expect(Either.isLeft(read) && read.left.map((e) => e.column)).toEqual(
            format === "csv" ? ["given_name", "given_name"] : ["given_name"],
          )
          // Uploaded back as downloaded: refused, naming the example row, and nobody is created.
          const upload = await api.request("POST", `/v1/events/${eventId}/sign-in-sheet`, bytes, {
            "Content-Type": type,
          })
          expect(upload.status).toBe(422)
          const problem = (await upload.json()) as { errors: Array<{ row: number; message: string }> }
          expect(problem.errors[0]).toMatchObject({ row: 2 })
          expect(problem.errors[0]!.message).toMatch(/example row/)
          const people = await api.json<{ items: Array<unknown> }>("GET", "/v1/people")
          expect(people.body.items).toEqual([])
        },
      )

  it.skipIf(!db.available)(
    "puts a drop-down list of the allowed values on gender and role in the XLSX",
    async () => {
      const { bytes } = await download("xlsx", "en")
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(bytes.buffer as ArrayBuffer)
      const sheet = book.worksheets[0]!
      const column = (name: string) => sheetColumns.indexOf(name as never) + 1
      expect(sheet.getCell(2, column("gender")).dataValidation).toMatchObject({
        type: "list",
        formulae: ['"female,male,other,undisclosed"'],
      })
      expect(sheet.getCell(500, column("role")).dataValidation).toMatchObject({
        type: "list",
        formulae: ['"participant,speaker,trainer,organiser"'],
      })
      expect(sheet.getCell(2, column("days")).dataValidation).toBeUndefined()
      expect(book.worksheets[1]!.name).toBe("Notes")
    },
  )

  it.skipIf(!db.available)("refuses an unknown format with a problem", async () => {
    const res = await api.request("GET", "/v1/sign-in-sheets/template?format=pdf")
    expect(res.status).toBe(400)
  })
})
