/**
 * The sign-in sheet template as a file, from the domain's description of it (so it can never
 * disagree with the reader): CSV with the header, the example row and a row of allowed values
 * (both marked, so the reader refuses them if they are left in); XLSX with the header, the
 * example row, a drop-down list on every enumerated column and the notes on a second sheet
 * (the reader reads the first sheet only).
 * @module
 */
import { sheetTemplate, type TemplateLanguage } from "@coordina/domain"
import { stringify } from "csv-stringify/sync"
import ExcelJS from "exceljs"

/** Rows below the header that carry the drop-down lists: far more than any event's sheet needs by hand. */
const validatedRows = 2000

/** The template as CSV text: UTF-8 with a BOM, so Excel opens the Cyrillic cells right. */
export const templateCsv = (language: TemplateLanguage): string => {
  const t = sheetTemplate(language)
  return stringify([t.columns.map((c) => c.name), t.example, t.allowedRow], { bom: true })
}

const notesTitle: Record<TemplateLanguage, { sheet: string; column: string; allowed: string; note: string }> =
  {
    en: { sheet: "Notes", column: "Column", allowed: "Allowed values", note: "Note" },
    bg: { sheet: "Бележки", column: "Колона", allowed: "Допустими стойности", note: "Бележка" },
  }

/** The template as an XLSX workbook. */
export const templateXlsx = async (language: TemplateLanguage): Promise<Uint8Array<ArrayBuffer>> => {
  const t = sheetTemplate(language)
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(language === "bg" ? "Присъствен списък" : "Sign-in sheet")
  sheet.columns = t.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(14, c.name.length + 4),
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.addRow(t.example).font = { italic: true, color: { argb: "FF777777" } }
  t.columns.forEach((c, i) => {
    sheet.getCell(1, i + 1).note = c.note
    if (!c.allowed) return
    const list = { type: "list" as const, allowBlank: true, formulae: [`"${c.allowed.join(",")}"`] }
    for (let row = 2; row <= validatedRows + 1; row++) sheet.getCell(row, i + 1).dataValidation = list
  })
  const titles = notesTitle[language]
  const notes = book.addWorksheet(titles.sheet)
  notes.columns = [
    { header: titles.column, width: 18 },
    { header: titles.allowed, width: 44 },
    { header: titles.note, width: 80 },
  ]
  notes.getRow(1).font = { bold: true }
  for (const c of t.columns) notes.addRow([c.name, c.allowed?.join(", ") ?? "", c.note])
  // A copy into a fresh ArrayBuffer: what a Response body takes.
  const written = new Uint8Array(await book.xlsx.writeBuffer())
  const out = new Uint8Array(written.byteLength)
  out.set(written)
  return out
}
