/**
 * The CSV format: the indicators table, one row per target and breakdown target, with the
 * evaluations' useful share (a fraction, empty when none was answered) on each row. Columns are
 * stable machine names (the same in both languages); a byte-order mark lets spreadsheet programs
 * read the Cyrillic buckets as UTF-8.
 * @module
 */
import type { ReportDocument } from "@coordina/domain"
import { stringify } from "csv-stringify/sync"

const columns = [
  "indicator",
  "breakdown",
  "bucket",
  "target",
  "achieved",
  "newInPeriod",
  "expected",
  "status",
  "periodStart",
  "periodEnd",
  // Added last so existing readers' columns stay where they were; the same on every row, like the period.
  "usefulShare",
] as const

/** The indicators as CSV (comma separated, UTF-8 with BOM, CRLF line ends). */
export const renderCsv = (document: ReportDocument): Uint8Array =>
  new TextEncoder().encode(
    stringify(
      document.indicators.map((r) => ({
        ...r,
        breakdown: r.breakdown ?? "",
        bucket: r.bucket ?? "",
        periodStart: document.periodStart,
        periodEnd: document.periodEnd,
        usefulShare: document.reach.asOfEnd.usefulShare ?? "",
      })),
      { header: true, columns: [...columns], bom: true, record_delimiter: "windows" },
    ),
  )
