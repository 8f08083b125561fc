/**
 * The XLSX format, with exceljs: one sheet per section, typed cells (numbers as numbers, dates
 * as dates with a date format), a header block on each sheet naming the report and period, the
 * indicators sheet naming each indicator and how it is counted, and frozen header rows.
 * @module
 */
import { PassThrough } from "node:stream"
import type { IsoDate, ReportDocument } from "@coordina/domain"
import type ExcelJS from "exceljs"
import { howCounted, indicatorName, type Labels, labelsOf } from "./Labels.js"

/** The number format of date cells. */
export const dateFormat = "yyyy-mm-dd"

/** A share written as a number with a percent format. */
class Percent {
  constructor(readonly share: number) {}
}

type Cell = string | number | Date | Percent | null

/** A calendar date as the spreadsheet's date value (midnight UTC, which exceljs writes as the day). */
const day = (d: IsoDate | undefined): Date | null => (d === undefined ? null : new Date(`${d}T00:00:00Z`))

interface Table {
  readonly name: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  /** Lines above the table, after the report's title and period. */
  readonly notes?: ReadonlyArray<ReadonlyArray<Cell>>
  readonly widths?: ReadonlyArray<number>
}

/** The rows above a table's header: the report's title, period and version, then the table's notes and a blank line. */
const preamble = (document: ReportDocument, l: Labels, table: Table): ReadonlyArray<ReadonlyArray<Cell>> => [
  [`${l.kind[document.kind]} — ${document.identity.code}`],
  [l.period, day(document.periodStart), day(document.periodEnd)],
  [l.version, document.version],
  ...(table.notes ?? []).map((note) => [...note]),
  [],
]

const headerFill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } } as const

/**
 * Writes one section's sheet row by row, each row committed (written out and let go) as soon
 * as it is complete, so a sheet of thousands of rows never sits in memory whole.
 */
const addTable = (
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  document: ReportDocument,
  l: Labels,
  table: Table,
) => {
  const above = preamble(document, l, table)
  // Sheet names are at most 31 characters and may not hold some punctuation.
  const sheet = book.addWorksheet(table.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: above.length + 1 }],
  })
  sheet.columns = table.header.map((_, i) => ({ width: table.widths?.[i] ?? 16 }))
  const write = (cells: ReadonlyArray<Cell>, style?: (row: ExcelJS.Row) => void) => {
    const row = sheet.addRow(cells.map((c) => (c instanceof Percent ? c.share : c)))
    cells.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 1).numFmt = dateFormat
      else if (c instanceof Percent) row.getCell(i + 1).numFmt = "0%"
    })
    style?.(row)
    row.commit()
  }
  for (const [i, cells] of above.entries()) {
    write(cells, (row) => {
      if (i === 0) row.font = { bold: true, size: 13 }
    })
  }
  write(table.header, (row) => {
    row.font = { bold: true }
    row.eachCell((c) => {
      c.fill = headerFill
    })
  })
  for (const cells of table.rows) write(cells)
  sheet.commit()
}

const tables = (d: ReportDocument, l: Labels): ReadonlyArray<Table> => {
  const c = l.columns
  const id = d.identity
  const extensions = id.extensions.map((e) => `+${e.months} (${e.reason})`).join("; ")
  return [
    {
      name: l.sections.identity,
      header: [c.title, c.value],
      rows: [
        [l.project, `${id.code} — ${id.title}`],
        [l.funder, id.funder ?? ""],
        [c.startDate, day(id.projectStart)],
        [c.endDate, day(id.projectEnd)],
        [l.extensions, extensions],
        [l.report, l.kind[d.kind]],
        [l.period, `${d.periodStart} – ${d.periodEnd}`],
        [l.version, d.version],
        [l.generatedAt, d.generatedAt],
      ],
      widths: [28, 80],
    },
    {
      name: l.sections.indicators,
      notes: [
        [c.indicator, c.howCounted],
        ...d.indicators.map((r) => [indicatorName(l, r), howCounted(l, r)]),
        // After the indicators' notes, so the existing lines keep their rows.
        ...(d.reach.asOfEnd.usefulShare === undefined
          ? []
          : [[l.usefulShare, new Percent(d.reach.asOfEnd.usefulShare), l.usefulShareDetail]]),
      ],
      header: [c.indicator, c.breakdown, c.bucket, c.target, c.achieved, c.newInPeriod, c.expected, c.status],
      rows: d.indicators.map((r) => [
        l.indicator[r.indicator] ?? r.indicator,
        r.breakdown ?? "",
        r.bucket ?? "",
        r.target,
        r.achieved,
        r.newInPeriod,
        r.expected,
        l.status[r.status] ?? r.status,
      ]),
      widths: [30, 20, 20, 10, 14, 14, 14, 14],
    },
    {
      name: l.sections.institutions,
      header: [c.breakdown, c.bucket, c.value],
      rows: [
        [c.total, "", d.institutionsSupported.total],
        [c.newInPeriod, "", d.institutionsSupported.newInPeriod],
        ...Object.entries(d.institutionsSupported.byKind).map(([k, n]) => [c.byKind, k, n]),
        ...Object.entries(d.institutionsSupported.byLevel).map(([k, n]) => [c.byLevel, k, n]),
      ],
    },
    {
      name: l.sections.activities,
      header: [
        c.code,
        c.title,
        c.plannedStart,
        c.plannedEnd,
        c.actualStart,
        c.actualEnd,
        c.status,
        c.responsible,
        c.deliverables,
        c.progress,
      ],
      rows: d.activities.map((a) => [
        a.code,
        a.title,
        day(a.plannedStart),
        day(a.plannedEnd),
        day(a.actualStart),
        day(a.actualEnd),
        a.status,
        a.responsible ?? "",
        a.deliverables.join("; "),
        a.progress.join("\n"),
      ]),
      widths: [8, 50, 14, 14, 14, 14, 14, 30, 30, 60],
    },
    {
      name: l.sections.events,
      header: [
        c.kind,
        c.title,
        c.startDate,
        c.endDate,
        c.city,
        c.registered,
        c.attended,
        c.persons,
        c.newPersons,
      ],
      rows: d.events.map((e) => [
        e.kind,
        e.title,
        day(e.startDate),
        day(e.endDate),
        e.city,
        e.registered,
        e.attended,
        e.persons,
        e.newPersons,
      ]),
      widths: [20, 50, 14, 14, 18, 12, 12, 12, 12],
    },
    {
      name: l.sections.dissemination,
      header: [c.kind, c.date, c.title, c.named, c.unnamedCounted, c.unnamedEstimated],
      rows: d.dissemination.map((x) => [
        x.kind,
        day(x.date),
        x.title,
        x.named,
        x.unnamedCounted,
        x.unnamedEstimated,
      ]),
      widths: [20, 14, 50, 12, 16, 16],
    },
    ...(d.agreements
      ? [
          {
            name: l.sections.agreements,
            header: [c.indicator, c.total, c.newInPeriod],
            rows: Object.entries(d.agreements.asOfEnd).map(
              ([step, n]): ReadonlyArray<Cell> => [
                step,
                n,
                (d.agreements!.newInPeriod as Record<string, number>)[step] ?? null,
              ],
            ),
          },
        ]
      : []),
    ...(d.attendance
      ? [
          {
            name: l.sections.attendance,
            header: [c.event, c.startDate, c.line, c.initials, c.institution, c.role, c.status, c.days],
            rows: d.attendance.flatMap((e) =>
              e.participants.map(
                (p): ReadonlyArray<Cell> => [
                  e.title,
                  day(e.startDate),
                  p.line,
                  p.initials,
                  p.institution,
                  p.role,
                  p.status,
                  p.days.join(", "),
                ],
              ),
            ),
            widths: [40, 14, 6, 12, 40, 14, 14, 30],
          },
        ]
      : []),
    {
      name: l.sections.evidence,
      header: [c.file, c.attachedTo, c.kind, c.size, c.sha256],
      rows: d.evidence.map((e) => [e.fileName, e.attachedTo, e.kind, e.size, e.sha256]),
      widths: [30, 30, 20, 14, 70],
    },
    {
      name: l.sections.revisions,
      header: [c.at, c.entity, c.change, c.unlockedBy, c.reason],
      rows: d.revisions.map((r) => [r.at, r.entity, r.change, r.unlockedBy, r.reason]),
      widths: [24, 30, 50, 20, 40],
    },
  ]
}

/**
 * The report as an XLSX workbook, written by exceljs's streaming writer: rows go out to the
 * zip as they are made, and only the compressed bytes are kept.
 */
export const renderXlsx = async (document: ReportDocument): Promise<Uint8Array> => {
  // exceljs is large: loaded when a workbook is first written, not when the process starts.
  const { default: Excel } = await import("exceljs")
  const out = new PassThrough()
  const chunks: Array<Buffer> = []
  out.on("data", (chunk: Buffer) => chunks.push(chunk))
  const book = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  book.creator = "Coordina"
  book.created = new Date(document.generatedAt)
  const l = labelsOf(document.language)
  for (const table of tables(document, l)) addTable(book, document, l, table)
  await book.commit()
  return new Uint8Array(Buffer.concat(chunks))
}
