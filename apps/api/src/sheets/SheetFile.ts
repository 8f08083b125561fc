/**
 * Reading an uploaded sign-in sheet into a plain table of text cells, whatever form staff
 * saved it in: CSV with commas or semicolons (Excel in a Bulgarian locale writes semicolons),
 * UTF-8 with or without a BOM or Windows-1251, CRLF or LF, quoted fields; or an XLSX workbook,
 * whose first sheet is read with typed cells (a date cell becomes `YYYY-MM-DD`).
 *
 * Only the form of the file is judged here; what the cells must say is the domain's rule
 * (`SignInSheet` in `@coordina/domain`).
 * @module
 */
import { fileError, rejectSheet, type SignInSheetRejected } from "@coordina/domain"
import { CsvError } from "csv-parse"
import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import type ExcelJS from "exceljs"
import iconv from "iconv-lite"

/** A sheet as text: the header row and every row after it, rows in spreadsheet order (row 2 first). */
export interface SheetTable {
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

/** The media type of an XLSX workbook. */
export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

const startsWith = (bytes: Uint8Array, ...prefix: ReadonlyArray<number>) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)

const ascii = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0))

/** Names well-known non-sheet files, so the error says what was sent instead of a sheet. */
const knownNonSheet = (bytes: Uint8Array): string | undefined => {
  if (startsWith(bytes, ...ascii("%PDF"))) return "a PDF document"
  if (startsWith(bytes, 0x89, ...ascii("PNG"))) return "a PNG image"
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return "a JPEG image"
  if (startsWith(bytes, ...ascii("GIF8"))) return "a GIF image"
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return "an old Excel 97-2003 (.xls) or Word file"
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) return "UTF-16 text"
  return undefined
}

const isZip = (bytes: Uint8Array) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** The text of a CSV file: UTF-8 when it decodes as UTF-8, Windows-1251 otherwise. */
export const decodeText = (bytes: Uint8Array): string => {
  try {
    return utf8.decode(bytes)
  } catch {
    // Not valid UTF-8: Cyrillic text from Excel or older tools in Bulgaria is Windows-1251.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1251")
  }
}

// Control characters never appear in a sheet typed by a person; they mark a binary file.
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
const binary = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** The separator of a CSV file, read from its header line: whichever of `;` and `,` it uses more. */
export const detectSeparator = (text: string): ";" | "," => {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? ""
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === ";") semicolons++
    else if (!quoted && ch === ",") commas++
  }
  return semicolons > commas ? ";" : ","
}

const fail = (message: string) => Effect.fail(rejectSheet([fileError(message)]))

const dropTrailingBlankRows = (rows: Array<Array<string>>) => {
  while (rows.length > 0 && rows.at(-1)!.every((cell) => cell.trim() === "")) rows.pop()
  return rows
}

const toTable = (rows: Array<Array<string>>): Effect.Effect<SheetTable, SignInSheetRejected> => {
  const all = dropTrailingBlankRows(rows)
  const [header, ...rest] = all
  if (!header || header.every((cell) => cell.trim() === ""))
    return fail("The sheet is empty: it has no header row.")
  return Effect.succeed({ header, rows: rest })
}

/** Reads CSV text; a malformed quote is reported with the row it is in. */
export const readCsv = (bytes: Uint8Array): Effect.Effect<SheetTable, SignInSheetRejected> => {
  const text = decodeText(bytes).replace(/^\uFEFF/, "")
  if (binary.test(text)) return fail("The file is not a sheet: it holds binary data. Send CSV or XLSX.")
  return Effect.try({
    try: () =>
      parse(text, {
        delimiter: detectSeparator(text),
        relax_column_count: true,
        skip_empty_lines: false,
      }) as Array<Array<string>>,
    catch: (error) => {
      const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 0) : 0
      const reason = error instanceof Error ? error.message : String(error)
      return rejectSheet([
        fileError(`The CSV could not be read${line > 0 ? ` near line ${line}` : ""}: ${reason}`),
      ])
    },
  }).pipe(Effect.flatMap(toTable))
}

const isoDateOf = (d: Date) => d.toISOString().slice(0, 10)

/** The text of one XLSX cell value: dates as `YYYY-MM-DD`, formulas by their result, links by their text. */
export const cellText = (value: ExcelJS.CellValue): string => {
  if (value == null) return ""
  if (value instanceof Date) return isoDateOf(value)
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if ("richText" in value) return value.richText.map((part) => part.text).join("")
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cellText(value.text)
  if ("error" in value) return String(value.error)
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue)
  return ""
}

/** Reads the first worksheet of an XLSX workbook; rows keep their spreadsheet numbers. */
export const readXlsx = (bytes: Uint8Array): Effect.Effect<SheetTable, SignInSheetRejected> =>
  Effect.tryPromise({
    try: async () => {
      // Loaded on first use: the library is large and most sheets arrive as CSV.
      const { default: Excel } = await import("exceljs")
      const workbook = new Excel.Workbook()
      await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
      return workbook
    },
    catch: () =>
      rejectSheet([fileError("The file is a ZIP archive but not an XLSX workbook that can be read.")]),
  }).pipe(
    Effect.flatMap((workbook) => {
      const sheet = workbook.worksheets[0]
      if (!sheet) return fail("The workbook has no worksheet.")
      const rows: Array<Array<string>> = []
      sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
        // Blank rows inside the sheet keep their place, so row numbers match what staff see.
        while (rows.length < rowNumber - 1) rows.push([])
        const cells: Array<string> = []
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell.value).trim() === "" ? "" : cellText(cell.value)
        })
        rows.push(Array.from(cells, (c) => c ?? ""))
      })
      return toTable(rows)
    }),
  )

const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]!.trim().toLowerCase()

/**
 * Reads an uploaded sheet. The bytes decide the form (a ZIP is a workbook, text is CSV); the
 * declared content type only sharpens the error when the two disagree.
 */
export const readSheetFile = (
  bytes: Uint8Array,
  contentType: string | undefined,
): Effect.Effect<SheetTable, SignInSheetRejected> => {
  if (bytes.length === 0) return fail("The body is empty: send the sheet as CSV or XLSX.")
  const known = knownNonSheet(bytes)
  if (known) return fail(`The file is ${known}, not a sheet. Send CSV (UTF-8 or Windows-1251) or XLSX.`)
  if (isZip(bytes)) return readXlsx(bytes)
  if (mediaType(contentType) === xlsxType)
    return fail("The body is declared as an XLSX workbook but is not one (an XLSX file is a ZIP archive).")
  return readCsv(bytes)
}
