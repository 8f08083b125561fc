/**
 * A list as a file: CSV (`Accept: text/csv` or `?format=csv`) or XLSX (`?format=xlsx`), with
 * the columns the screen shows, headed in the caller's language (`?lang=bg|en`, else
 * `Accept-Language`), typed cells (numbers, dates), streamed row by row so a list of any length
 * is written in bounded memory. The heavy-request queue admits these downloads.
 * @module
 */
import { once } from "node:events"
import { PassThrough, Readable } from "node:stream"
import { stringify } from "csv-stringify"
import { Cause, type Effect, Exit, Option, Schema, Stream } from "effect"
import ExcelJS from "exceljs"
import type { Context } from "hono"
import type { AppEnv, AppServices } from "./AppEnv.js"
import { type ApiError, errorHeaders, errorProblem } from "./Errors.js"
import { httpProblem, sendProblem } from "./Problem.js"

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/** The query parameters of a list that can be exported. */
export const ExportQueryFields = {
  format: Schema.optional(
    Schema.Literal("csv", "xlsx").annotations({
      description: "The whole list as a file instead of a JSON page (`Accept: text/csv` also gives CSV)",
    }),
  ),
  lang: Schema.optional(
    Schema.Literal("bg", "en").annotations({ description: "The language of the file's column headers" }),
  ),
}

/** The answers of a list that can be exported: its JSON page, or the whole list as CSV or XLSX. */
export const exportableResponse = (json: { readonly description: string; readonly content: object }) => ({
  ...json,
  content: {
    ...json.content,
    "text/csv": { schema: { type: "string" as const } },
    [xlsxType]: { schema: { type: "string" as const, format: "binary" } },
  },
})

/** The file formats of a list. */
export type ExportFormat = "csv" | "xlsx"

/** The languages column headers are written in. */
export type ExportLanguage = "bg" | "en"

/** A cell: text, a number, or a calendar date `YYYY-MM-DD` (a date cell in XLSX). */
export type Cell = string | number | { readonly date: string } | undefined

/** One column of an exported list. */
export interface ExportColumn<Row> {
  readonly header: Readonly<Record<ExportLanguage, string>>
  readonly value: (row: Row) => Cell
  /** The column's width in characters in XLSX. */
  readonly width?: number
}

/** The format a list request asks for, or `undefined` for the JSON page. */
export const exportFormatOf = (c: Context): ExportFormat | undefined => {
  const format = c.req.query("format")
  if (format === "xlsx" || format === "csv") return format
  const accept = c.req.header("Accept") ?? ""
  if (accept.includes(xlsxType)) return "xlsx"
  return accept.includes("text/csv") ? "csv" : undefined
}

/** Whether a request is an export of a list (for the heavy-request queue). */
export const isExportRequest = (c: Context): boolean =>
  c.req.method === "GET" && exportFormatOf(c) !== undefined

/** The language headers are written in: `?lang`, else the first of `Accept-Language`, else Bulgarian. */
export const exportLanguageOf = (c: Context): ExportLanguage => {
  const lang = c.req.query("lang") ?? c.req.header("Accept-Language")?.slice(0, 2)
  return lang === "en" ? "en" : "bg"
}

const csvCell = (cell: Cell): string | number =>
  cell === undefined ? "" : typeof cell === "object" ? cell.date : cell

const xlsxCell = (cell: Cell): string | number | Date | null =>
  cell === undefined ? null : typeof cell === "object" ? new Date(`${cell.date}T00:00:00Z`) : cell

/** Waits while the reader is behind, so rows are not buffered without bound. */
const drained = async (stream: NodeJS.WritableStream & { writableNeedDrain?: boolean }) => {
  if (stream.writableNeedDrain) await once(stream, "drain")
}

const writeCsv = async <Row>(
  out: PassThrough,
  columns: ReadonlyArray<ExportColumn<Row>>,
  language: ExportLanguage,
  rows: AsyncIterable<Row>,
) => {
  // A byte-order mark so spreadsheet programs read the Cyrillic as UTF-8.
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => c.header[language]) })
  csv.pipe(out)
  for await (const row of rows) {
    if (!csv.write(columns.map((c) => csvCell(c.value(row))))) await once(csv, "drain")
  }
  csv.end()
}

const writeXlsx = async <Row>(
  out: PassThrough,
  sheetName: string,
  columns: ReadonlyArray<ExportColumn<Row>>,
  language: ExportLanguage,
  rows: AsyncIterable<Row>,
) => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header[language],
    width: c.width ?? 20,
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  let written = 0
  for await (const row of rows) {
    const cells = columns.map((c) => c.value(row))
    const added = sheet.addRow(cells.map(xlsxCell))
    cells.forEach((cell, i) => {
      if (typeof cell === "object") added.getCell(i + 1).numFmt = "yyyy-mm-dd"
    })
    added.commit()
    written += 1
    // The zip writer runs on later turns of the event loop: let it, then wait for the reader.
    if (written % 200 === 0) {
      await new Promise((next) => setImmediate(next))
      await drained(out)
    }
  }
  sheet.commit()
  await workbook.commit()
}

/**
 * Answers the rows as a file download. A failure after the response has started cuts the
 * download short, which the client sees as a broken file rather than a wrong one.
 */
export const sendExport = async <Row>(
  c: Context,
  options: {
    readonly format: ExportFormat
    readonly filename: string
    readonly sheetName: string
    readonly columns: ReadonlyArray<ExportColumn<Row>>
    readonly rows: AsyncIterable<Row>
  },
): Promise<Response> => {
  const language = exportLanguageOf(c)
  const out = new PassThrough()
  const writing =
    options.format === "csv"
      ? writeCsv(out, options.columns, language, options.rows)
      : writeXlsx(out, options.sheetName, options.columns, language, options.rows)
  writing.catch((error: unknown) => {
    console.error("export failed", error)
    out.destroy(error instanceof Error ? error : new Error(String(error)))
  })
  const type = options.format === "csv" ? "text/csv; charset=utf-8" : xlsxType
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${options.filename}.${options.format}"`,
      "Cache-Control": "no-store",
    },
  })
}

/** What a file of a list is called and how its columns read. */
export interface ExportLayout<Row> {
  readonly filename: string
  readonly sheetName: string
  readonly columns: ReadonlyArray<ExportColumn<Row>>
}

/**
 * Runs `effect`, which checks the request and answers the rows as a stream, then sends them as
 * a file; a refusal before the first row is a problem like any other answer.
 */
export const respondExport = async <Row, E extends ApiError>(
  c: Context<AppEnv>,
  format: ExportFormat,
  effect: Effect.Effect<Stream.Stream<Row, E, AppServices>, E, AppServices>,
  layout: ExportLayout<Row>,
): Promise<Response> => {
  const exit = await c.var.runtime.runPromiseExit(effect)
  if (Exit.isFailure(exit)) {
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure))
      return sendProblem(c, errorProblem(failure.value), errorHeaders(failure.value))
    console.error(Cause.pretty(exit.cause))
    return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
  }
  const runtime = await c.var.runtime.runtime()
  return sendExport(c, { ...layout, format, rows: Stream.toAsyncIterableRuntime(exit.value, runtime) })
}
