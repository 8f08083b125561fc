/**
 * Hostile sign-in sheets, built as an attacker would: tiny workbooks naming a far-away row,
 * a workbook that unpacks to about 98 MB (with honest or lying sizes), large CSV files of
 * valid rows, and CSV and XLSX sheets of exactly as many valid rows as a sheet may have.
 * @module
 */
import { strToU8, zipSync } from "fflate"

const header = "given_name,family_name,email,gender,institution_id,institution_name,role,days"

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

/** A workbook whose first sheet holds the given `<row>` elements (parts deflated at level 9). */
export const xlsxOf = (rows: string | Uint8Array): Uint8Array =>
  zipSync(
    {
      "[Content_Types].xml": strToU8(contentTypes),
      "_rels/.rels": strToU8(rootRels),
      "xl/workbook.xml": strToU8(workbook),
      "xl/_rels/workbook.xml.rels": strToU8(workbookRels),
      "xl/worksheets/sheet1.xml": typeof rows === "string" ? strToU8(sheetXml(rows)) : rows,
    },
    { level: 9 },
  )

/** About 1.5 KB: a header and one cell on row `row` (1,048,576 is Excel's last row). */
export const xlsxWithFarRow = (row: number): Uint8Array =>
  xlsxOf(
    `<row r="1">${header
      .split(",")
      .map((h, i) => inline(`${String.fromCharCode(65 + i)}1`, h))
      .join("")}</row><row r="${row}">${inline(`A${row}`, "x")}</row>`,
  )

/** A workbook whose sheet unpacks to about `megabytes` MB of padding inside one cell's row. */
export const xlsxUnpackingTo = (megabytes: number): Uint8Array => {
  const padding = " ".repeat(megabytes * 1_000_000)
  return xlsxOf(`<row r="1">${inline("A1", "given_name")}</row>${padding}`)
}

/**
 * The same workbook with its sheet's uncompressed size declared as 1 KB in both its local
 * header and the central directory: only counting while inflating finds the truth.
 */
export const xlsxLyingAboutSize = (megabytes: number): Uint8Array => {
  const zip = xlsxUnpackingTo(megabytes)
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const name = "xl/worksheets/sheet1.xml"
  const matches = (at: number, nameAt: number) =>
    new TextDecoder().decode(zip.subarray(at + nameAt, at + nameAt + name.length)) === name
  for (let at = 0; at + 46 < zip.length; at++) {
    const signature = view.getUint32(at, true)
    if (signature === 0x04034b50 && matches(at, 30)) view.setUint32(at + 22, 1024, true)
    if (signature === 0x02014b50 && matches(at, 46)) view.setUint32(at + 24, 1024, true)
  }
  return zip
}

/** A CSV of about `megabytes` MB of valid rows (people of one institution, every day of the event). */
export const csvOfValidRows = (megabytes: number, institutionId: string): Uint8Array => {
  const lines = [header]
  let size = header.length
  for (let n = 0; size < megabytes * 1_000_000; n++) {
    const line = `Мария${n},Петрова${n},maria${n}@example.bg,female,${institutionId},,participant,all`
    lines.push(line)
    size += Buffer.byteLength(line) + 1
  }
  return Buffer.from(lines.join("\n"))
}

/** The cells of the n-th valid row: a person of one institution, every day of the event. */
const validRow = (n: number, institutionId: string) => [
  `Мария${n}`,
  `Петрова${n}`,
  `maria${n}@example.bg`,
  "female",
  institutionId,
  "",
  "participant",
  "all",
]

/** A CSV of `rows` valid rows under the header. */
export const csvOfRows = (rows: number, institutionId: string): Uint8Array =>
  Buffer.from(
    [header, ...Array.from({ length: rows }, (_, n) => validRow(n, institutionId).join(","))].join("\n"),
  )

const column = (i: number) => String.fromCharCode(65 + i)

/** An XLSX workbook of `rows` valid rows under the header, every cell an inline string. */
export const xlsxOfRows = (rows: number, institutionId: string): Uint8Array => {
  const line = (r: number, cells: ReadonlyArray<string>) =>
    `<row r="${r}">${cells.map((text, i) => (text === "" ? "" : inline(`${column(i)}${r}`, text))).join("")}</row>`
  const parts = [line(1, header.split(","))]
  for (let n = 0; n < rows; n++) parts.push(line(n + 2, validRow(n, institutionId)))
  return xlsxOf(parts.join(""))
}
