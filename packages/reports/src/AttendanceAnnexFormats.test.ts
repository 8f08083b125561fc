import { attendanceAnnex, isoDate, type ReportDocument } from "@coordina/domain"
import ExcelJS from "exceljs"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { describe, expect, it } from "vitest"
import { renderPdf } from "./PdfFormat.js"
import { sampleDocument } from "./testing.js"
import { renderXlsx } from "./XlsxFormat.js"

const pdfText = async (bytes: Uint8Array) => {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
    .promise
  let text = ""
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent()
    text += ` ${content.items.map((item) => ("str" in item ? item.str : "")).join(" ")}`
  }
  await pdf.destroy()
  return text
}

const names = ["Мария", "Петрова", "Георги", "Димитров"]

/** An attendance annex: the sample document with two events' participant lists. */
const annex = (): ReportDocument => {
  const base = sampleDocument("bg")
  const event = (id: string, startDate: string) => ({
    id,
    title: `Регионален семинар ${id}`,
    startDate: isoDate(startDate),
    endDate: isoDate(startDate),
  })
  const p = (participationId: string, eventId: string, givenName: string, familyName: string) => ({
    participationId,
    eventId,
    givenName,
    familyName,
    erased: false,
    institution: "Община Враца",
    role: "participant",
    status: "attended",
    days: [isoDate("2018-03-01")],
  })
  return {
    ...base,
    kind: "attendance_annex",
    attendance: attendanceAnnex(
      [event("Враца", "2018-03-01"), event("Видин", "2018-04-01")],
      [p("par_1", "Враца", "Мария", "Петрова"), p("par_2", "Видин", "Георги", "Димитров")],
      { start: isoDate("2018-01-01"), end: isoDate("2018-06-30") },
    ),
  }
}

describe("the attendance annex's participant lists, read back", () => {
  it("PDF lists each participant by initials and institution, and no name", async () => {
    const text = await pdfText(await renderPdf(annex()))
    expect(text).toContain("Участници по събития")
    expect(text).toContain("М. П.")
    expect(text).toContain("Г. Д.")
    expect(text).toContain("Община Враца")
    for (const name of names) expect(text).not.toContain(name)
  })

  it("XLSX has a participants sheet with typed cells, and no name", async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await renderXlsx(annex())) as never)
    const sheet = book.getWorksheet("Участници по събития")!
    expect(sheet).toBeDefined()
    const rows: Array<Array<unknown>> = []
    sheet.eachRow((row) => rows.push((row.values as Array<unknown>).slice(1)))
    const lines = rows.filter((r) => r[3] === "М. П." || r[3] === "Г. Д.")
    expect(lines).toHaveLength(2)
    const maria = lines.find((r) => r[3] === "М. П.")!
    expect(maria[0]).toBe("Регионален семинар Враца")
    expect(maria[1]).toBeInstanceOf(Date)
    expect(maria[2]).toBe(1)
    expect(maria[4]).toBe("Община Враца")
    const all = JSON.stringify(book.worksheets.map((s) => s.getSheetValues()))
    for (const name of names) expect(all).not.toContain(name)
  })

  it("a report of another kind has no participants sheet", async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await renderXlsx(sampleDocument("bg"))) as never)
    expect(book.getWorksheet("Участници по събития")).toBeUndefined()
  })
})
