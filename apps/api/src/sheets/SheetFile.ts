/**
 * Reading an uploaded sign-in sheet into a plain table of text cells, whatever form staff
 * saved it in: CSV with commas or semicolons (Excel in a Bulgarian locale writes semicolons),
 * UTF-8 with or without a BOM or Windows-1251, CRLF or LF, quoted fields; or an XLSX workbook,
 * whose first sheet is read with typed cells (a date cell becomes `YYYY-MM-DD`).
 *
 * A hostile file costs bounded memory and time: both forms are read as streams, and the
 * {@link SheetLimits} (rows, columns, cell length, a row's bytes, an XLSX's unpacked size and
 * shared strings) are checked while reading, so reading stops at the first limit passed. The
 * reading yields to the event loop every few milliseconds, so other requests keep being served.
 *
 * Only the form of the file is judged here; what the cells must say is the domain's rule
 * (`SignInSheet` in `@coordina/domain`).
 * @module
 */
import { isUtf8 as bytesAreUtf8 } from "node:buffer"
import { Readable } from "node:stream"
import { finished } from "node:stream/promises"
import { setImmediate as nextTurn } from "node:timers/promises"
import { fileError, rejectSheet, type SignInSheetRejected, SheetTooLarge } from "@coordina/domain"
import { CsvError, parse } from "csv-parse"
import { Effect } from "effect"
import type ExcelJS from "exceljs"
import iconv from "iconv-lite"
import { checkZip, ZipRefused } from "./ZipCheck.js"

/** A sheet as text: the header row and every row after it, rows in spreadsheet order (row 2 first). */
export interface SheetTable {
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

/** How much of a sheet is read before it is refused with 413. */
export interface SheetLimits {
  /** Rows after the header. */
  readonly rows: number
  /** Columns holding anything. */
  readonly columns: number
  /** Characters in one cell. */
  readonly cellLength: number
  /** Bytes of one CSV record (bounds the parser's buffer before a cell is complete). */
  readonly rowBytes: number
  /** Bytes of an XLSX workbook once unzipped, all its parts together. */
  readonly unpackedBytes: number
  /** Entries of an XLSX's shared-string table. */
  readonly sharedStrings: number
}

/**
 * 50,000 rows of at most 64 columns and 4,096 characters a cell; an XLSX unpacks to 32 MiB at
 * most. A real sign-in sheet has a few hundred rows of eight short cells.
 */
export const sheetLimits: SheetLimits = {
  rows: 50_000,
  columns: 64,
  cellLength: 4_096,
  rowBytes: 256 * 1024,
  unpackedBytes: 32 * 1024 * 1024,
  sharedStrings: 500_000,
}

/** Failures of reading a sheet: its form is wrong, or it passes a limit. */
export type SheetFileError = SignInSheetRejected | SheetTooLarge

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

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** Whether a CSV file is UTF-8; otherwise it is Windows-1251 (Cyrillic Excel and older tools in Bulgaria). */
const isUtf8 = (bytes: Uint8Array): boolean => bytesAreUtf8(bytes)

/** The text of a CSV file: UTF-8 when it decodes as UTF-8, Windows-1251 otherwise. */
export const decodeText = (bytes: Uint8Array): string =>
  isUtf8(bytes) ? bufferOf(bytes).toString("utf8") : iconv.decode(bufferOf(bytes), "win1251")

/**
 * Whether the bytes hold a control character other than tab and line ends: a person's sheet
 * never does, a binary file nearly always. In UTF-8 and Windows-1251 alike these bytes are
 * only ever those characters.
 */
const holdsBinary = (bytes: Uint8Array): boolean => {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true
  }
  return false
}

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

/** Thrown inside the streaming readers to stop at once; turned into the typed failure at the edge. */
class Refusal extends Error {
  constructor(readonly failure: SheetFileError) {
    super(failure.message)
  }
}

const refuse = (message: string): never => {
  throw new Refusal(rejectSheet([fileError(message)]))
}

const thousands = (n: number) => n.toLocaleString("en-US")

const tooLarge = (limit: SheetTooLarge["limit"], maximum: number, message: string, row?: number): never => {
  throw new Refusal(new SheetTooLarge({ limit, maximum, message, ...(row === undefined ? {} : { row }) }))
}

// A slice of synchronous work between two turns of the event loop: short enough that a
// concurrent request waits a few milliseconds at most.
const sliceMs = 10

/** Gives the event loop a turn when the current slice of work has run long enough. */
const makeYielder = () => {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < sliceMs) return
    await nextTurn()
    since = performance.now()
  }
}

const blankRow: ReadonlyArray<string> = Object.freeze([])

const isBlank = (cells: ReadonlyArray<string>) => cells.every((cell) => cell.trim() === "")

/**
 * Collects rows in spreadsheet order while enforcing the limits. Blank rows are only counted
 * until a filled row follows, so a file of a million empty lines costs no memory, and trailing
 * blank rows are dropped.
 */
const makeCollector = (limits: SheetLimits) => {
  const rows: Array<ReadonlyArray<string>> = []
  let header: ReadonlyArray<string> | undefined
  let blanksBefore = 0
  let lastRow = 0
  /** Adds row number `rowNumber` (the header is 1); rows between it and the last one are blank. */
  const add = (rowNumber: number, cells: ReadonlyArray<string>) => {
    if (isBlank(cells)) return
    if (rowNumber > limits.rows + 1)
      tooLarge(
        "rows",
        limits.rows,
        `The sheet has more than ${thousands(limits.rows)} rows (a filled cell on row ${thousands(rowNumber)}); split it into several sheets.`,
        rowNumber,
      )
    cells.forEach((cell, col) => {
      if (cell.length > limits.cellLength)
        tooLarge(
          "cellLength",
          limits.cellLength,
          `The cell in row ${rowNumber}, column ${col + 1} has more than ${thousands(limits.cellLength)} characters.`,
          rowNumber,
        )
    })
    if (cells.length > limits.columns)
      tooLarge(
        "columns",
        limits.columns,
        `Row ${rowNumber} has a filled cell beyond column ${limits.columns}; a sheet has at most ${limits.columns} columns.`,
        rowNumber,
      )
    blanksBefore = rowNumber - lastRow - 1
    lastRow = rowNumber
    if (header === undefined) {
      if (rowNumber !== 1) return refuse("The sheet is empty: it has no header row.")
      header = cells
      return
    }
    for (; blanksBefore > 0; blanksBefore--) rows.push(blankRow)
    rows.push(cells)
  }
  const table = (): SheetTable =>
    header === undefined ? refuse("The sheet is empty: it has no header row.") : { header, rows }
  return { add, table }
}

/** Cells up to the last filled one: trailing blank cells are not columns. */
const trimTrailing = (cells: Array<string>): Array<string> => {
  let end = cells.length
  while (end > 0 && cells[end - 1]!.trim() === "") end--
  return end === cells.length ? cells : cells.slice(0, end)
}

// Bytes the CSV parser is given at once: about a millisecond of its work.
const chunkBytes = 16 * 1024

/**
 * Runs `f` without stack traces for errors made meanwhile: csv-parse builds an error for every
 * record whose length differs from the header's even when told to let it pass, and a stack
 * trace for each would make a file of short lines cost seconds.
 */
const withoutStackTraces = (f: () => void) => {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    f()
  } finally {
    Error.stackTraceLimit = limit
  }
}

const csvFailure = (error: unknown, limits: SheetLimits): SheetFileError => {
  if (error instanceof Refusal) return error.failure
  const code = (error as { code?: string }).code
  const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 0) : 0
  if (code === "CSV_MAX_RECORD_SIZE")
    return new SheetTooLarge({
      limit: "rowBytes",
      maximum: limits.rowBytes,
      message: `Line ${line} of the CSV is longer than ${thousands(limits.rowBytes)} bytes.`,
      ...(line > 0 ? { row: line } : {}),
    })
  const reason = error instanceof Error ? error.message : String(error)
  return rejectSheet([
    fileError(`The CSV could not be read${line > 0 ? ` near line ${line}` : ""}: ${reason}`),
  ])
}

/**
 * Counts the rows of CSV bytes fed to it in pieces, by their line ends outside quotes (empty
 * lines count, as in the parser's row numbers; a line break inside a quoted cell does not end
 * a row), and answers the first row beyond `limit` that holds anything: a file with too many
 * rows is refused before the slower parser sees it, even while it is still arriving.
 */
export const makeRowCounter = (limit: number) => {
  let row = 1
  let quoted = false
  let filled = false
  return {
    /** The first filled row beyond the limit in `bytes`, if there is one. */
    feed: (bytes: Uint8Array): number | undefined => {
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!
        if (b === 0x22) {
          quoted = !quoted
          filled = true
        } else if (b === 0x0a && !quoted) {
          if (filled && row > limit) return row
          row++
          filled = false
        } else if (b !== 0x0d) filled = true
      }
      return undefined
    },
    /** At the end of the file: whether its last line is a filled row beyond the limit. */
    end: (): number | undefined => (filled && row > limit ? row : undefined),
  }
}

const tooManyRows = (limits: SheetLimits, row: number) =>
  new SheetTooLarge({
    limit: "rows",
    maximum: limits.rows,
    row,
    message: `The sheet has more than ${thousands(limits.rows)} rows (row ${thousands(row)}); split it into several sheets.`,
  })

/**
 * Watches an upload as it arrives and answers the limit it passes, so the rest need not be
 * read: for now the rows of a CSV (an XLSX is judged whole, by its central directory).
 */
export const makeUploadWatch = (limits: SheetLimits = sheetLimits) => {
  let counter: ReturnType<typeof makeRowCounter> | undefined
  // The form is decided from the first bytes, however the upload is cut into pieces.
  let head: Uint8Array | undefined = new Uint8Array(0)
  return (chunk: Uint8Array): SheetTooLarge | undefined => {
    let bytes = chunk
    if (head !== undefined) {
      bytes = Buffer.concat([head, chunk])
      if (bytes.length < 8) {
        head = bytes
        return undefined
      }
      head = undefined
      if (!isZip(bytes) && !knownNonSheet(bytes)) counter = makeRowCounter(limits.rows + 1)
    }
    const beyond = counter?.feed(bytes)
    return beyond === undefined ? undefined : tooManyRows(limits, beyond)
  }
}

/** The first filled row beyond `limit` in a whole file, counted in slices between turns of the event loop. */
const firstRowBeyond = async (buffer: Buffer, limit: number): Promise<number | undefined> => {
  const pause = makeYielder()
  const counter = makeRowCounter(limit)
  for (let at = 0; at < buffer.length; at += chunkBytes * 64) {
    const beyond = counter.feed(buffer.subarray(at, at + chunkBytes * 64))
    if (beyond !== undefined) return beyond
    await pause()
  }
  return counter.end()
}

/**
 * Reads CSV chunk by chunk; a malformed quote is reported with the line it is in. Each record
 * is taken as the parser makes it (`on_record`), so none wait in a stream buffer.
 */
export const readCsv = (
  bytes: Uint8Array,
  limits: SheetLimits = sheetLimits,
): Effect.Effect<SheetTable, SheetFileError> =>
  Effect.tryPromise({
    try: async () => {
      const buffer = bufferOf(bytes)
      const beyond = await firstRowBeyond(buffer, limits.rows + 1)
      if (beyond !== undefined) throw new Refusal(tooManyRows(limits, beyond))
      const utf8 = isUtf8(buffer)
      const head = buffer.subarray(0, chunkBytes * 4)
      const rows = makeCollector(limits)
      let refusal: unknown
      const parser = parse({
        delimiter: detectSeparator(utf8 ? head.toString("utf8") : iconv.decode(head, "win1251")),
        bom: true,
        relax_column_count: true,
        // Empty lines make no record (and cost nothing); they still count in the row numbers.
        skip_empty_lines: true,
        max_record_size: limits.rowBytes,
        on_record: (record: Array<string>, context: { records: number; empty_lines: number }) => {
          if (refusal !== undefined) return null
          const rowNumber = context.records + context.empty_lines
          try {
            // Every record counts here, even one of bare separators: each costs the parser time.
            if (rowNumber > limits.rows + 1)
              tooLarge(
                "rows",
                limits.rows,
                `The sheet has more than ${thousands(limits.rows)} rows (row ${thousands(rowNumber)}); split it into several sheets.`,
                rowNumber,
              )
            rows.add(rowNumber, trimTrailing(record))
          } catch (error) {
            refusal = error
          }
          return null
        },
      })
      parser.on("error", () => {})
      const pause = makeYielder()
      const stopIfFailed = () => {
        if (refusal !== undefined) throw refusal
        if (parser.errored) throw parser.errored
      }
      try {
        for (let at = 0; at < buffer.length; at += chunkBytes) {
          const chunk = buffer.subarray(at, at + chunkBytes)
          if (holdsBinary(chunk)) refuse("The file is not a sheet: it holds binary data. Send CSV or XLSX.")
          withoutStackTraces(() => parser.write(utf8 ? chunk : iconv.decode(chunk, "win1251")))
          stopIfFailed()
          await pause()
        }
        parser.resume()
        await finished(parser.end()).catch(() => undefined)
        stopIfFailed()
      } finally {
        parser.destroy()
      }
      return rows.table()
    },
    catch: (error) => csvFailure(error, limits),
  })

const isoDateOf = (d: Date) => d.toISOString().slice(0, 10)

/** The text of one XLSX cell value: dates as `YYYY-MM-DD`, formulas by their result, links by their text. */
export const cellText = (value: ExcelJS.CellValue, sharedStrings: ReadonlyArray<string> = []): string => {
  if (value == null) return ""
  if (value instanceof Date) return isoDateOf(value)
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if ("sharedString" in value) return sharedStrings[value.sharedString as number] ?? ""
  if ("richText" in value) return value.richText.map((part) => part.text).join("")
  if ("hyperlink" in value)
    return typeof value.text === "string" ? value.text : cellText(value.text, sharedStrings)
  if ("error" in value) return String(value.error)
  if ("result" in value)
    return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue, sharedStrings)
  return ""
}

/** The text of a shared string as exceljs emits it: plain or rich text. */
const sharedText = (text: unknown): string =>
  typeof text === "string"
    ? text
    : text && typeof text === "object" && "richText" in text
      ? (text as { richText: ReadonlyArray<{ text?: string }> }).richText.map((r) => r.text ?? "").join("")
      : ""

/** What exceljs's `parse()` yields: a shared string as it is read (bare), or a worksheet to read. */
type ReaderEvent =
  | { readonly eventType?: undefined; readonly index: number; readonly text: unknown }
  | { readonly eventType: "worksheet"; readonly value: AsyncIterable<ExcelJS.Row> }
  | { readonly eventType: "hyperlinks" | "shared-strings"; readonly value: unknown }

let excel: Promise<typeof ExcelJS> | undefined

/**
 * Loads the XLSX reader. The server calls it once at start: loading the library takes the
 * event loop for most of a second, which must not happen in the middle of serving requests.
 */
export const loadWorkbookReader = () => {
  excel ??= import("exceljs").then((module) => module.default)
  return excel
}

/**
 * Loads the XLSX reader and reads one small workbook with it, so that the library's first-use
 * work (its lazily loaded parts, compiling its parsers) is done before any request needs it.
 */
export const warmUpSheetReaders = async (): Promise<void> => {
  const Excel = await loadWorkbookReader()
  const workbook = new Excel.Workbook()
  workbook.addWorksheet("warm-up").addRow(["given_name", new Date(0)])
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
  await Effect.runPromise(Effect.either(readSheetFile(bytes, xlsxType)))
  await Effect.runPromise(Effect.either(readSheetFile(Buffer.from("given_name\nx\n"), "text/csv")))
}

/** The first worksheet's rows, read as the workbook streams past. */
const readWorkbook = async (buffer: Buffer, limits: SheetLimits): Promise<SheetTable> => {
  const Excel = await loadWorkbookReader()
  // Shared strings are emitted rather than cached by exceljs, so their number and length are
  // checked here as they arrive; styles are read because they tell a date cell from a number.
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: "emit",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  })
  const shared: Array<string> = []
  const pause = makeYielder()
  const events = reader.parse() as AsyncIterator<ReaderEvent>
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const event = next.value
      if (event.eventType === undefined) {
        const text = sharedText(event.text)
        if (shared.length >= limits.sharedStrings)
          tooLarge(
            "sharedStrings",
            limits.sharedStrings,
            `The workbook holds more than ${thousands(limits.sharedStrings)} different texts.`,
          )
        if (text.length > limits.cellLength)
          tooLarge(
            "cellLength",
            limits.cellLength,
            `The workbook holds a text of more than ${thousands(limits.cellLength)} characters.`,
          )
        shared.push(text)
        await pause()
      } else if (event.eventType === "worksheet") {
        return await readRowsOf(event.value, shared, limits, pause)
      }
    }
  } finally {
    await events.return?.()
  }
  return refuse("The workbook has no worksheet.")
}

const readRowsOf = async (
  sheet: AsyncIterable<ExcelJS.Row>,
  shared: ReadonlyArray<string>,
  limits: SheetLimits,
  pause: () => Promise<void>,
): Promise<SheetTable> => {
  const rows = makeCollector(limits)
  let previous = 0
  for await (const row of sheet) {
    // A row without its number (allowed, though Excel always writes one) follows the one before.
    const rowNumber = Number.isFinite(row.number) && row.number > 0 ? row.number : previous + 1
    previous = rowNumber
    const cells: Array<string> = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > limits.columns) {
        const text = cellText(cell.value, shared)
        if (text.trim() !== "")
          tooLarge(
            "columns",
            limits.columns,
            `Row ${rowNumber} has a filled cell beyond column ${limits.columns}; a sheet has at most ${limits.columns} columns.`,
            rowNumber,
          )
        return
      }
      const text = cellText(cell.value, shared)
      while (cells.length < col - 1) cells.push("")
      cells[col - 1] = text.trim() === "" ? "" : text
    })
    rows.add(rowNumber, trimTrailing(cells))
    await pause()
  }
  return rows.table()
}

/** Reads the first worksheet of an XLSX workbook; rows keep their spreadsheet numbers. */
export const readXlsx = (
  bytes: Uint8Array,
  limits: SheetLimits = sheetLimits,
): Effect.Effect<SheetTable, SheetFileError> =>
  Effect.tryPromise({
    try: async () => {
      const buffer = bufferOf(bytes)
      await checkZip(buffer, limits.unpackedBytes)
      return readWorkbook(buffer, limits)
    },
    catch: (error) => {
      if (error instanceof Refusal) return error.failure
      if (error instanceof ZipRefused) {
        if (error.reason === "unpacked")
          return new SheetTooLarge({
            limit: "unpackedBytes",
            maximum: limits.unpackedBytes,
            message: `The workbook unpacks to more than ${thousands(limits.unpackedBytes)} bytes; a sign-in sheet is far smaller.`,
          })
        return rejectSheet([
          fileError(`The file is a ZIP archive but not an XLSX workbook that can be read: ${error.message}`),
        ])
      }
      return rejectSheet([fileError("The file is a ZIP archive but not an XLSX workbook that can be read.")])
    },
  })

const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]!.trim().toLowerCase()

const fail = (message: string) => Effect.fail(rejectSheet([fileError(message)]))

/**
 * Reads an uploaded sheet in one call. The bytes decide the form (a ZIP is a workbook, text is
 * CSV); the declared content type only sharpens the error when the two disagree.
 */
export const readSheetFile = (
  bytes: Uint8Array,
  contentType: string | undefined,
  limits: SheetLimits = sheetLimits,
): Effect.Effect<SheetTable, SheetFileError> => {
  if (bytes.length === 0) return fail("The body is empty: send the sheet as CSV or XLSX.")
  const known = knownNonSheet(bytes)
  if (known) return fail(`The file is ${known}, not a sheet. Send CSV (UTF-8 or Windows-1251) or XLSX.`)
  if (isZip(bytes)) return readXlsx(bytes, limits)
  if (mediaType(contentType) === xlsxType)
    return fail("The body is declared as an XLSX workbook but is not one (an XLSX file is a ZIP archive).")
  return readCsv(bytes, limits)
}
