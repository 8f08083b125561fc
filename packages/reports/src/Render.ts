/**
 * Every format of a report at once, with its media type and file name.
 * @module
 */
import type { ReportDocument, ReportFormat } from "@coordina/domain"
import { renderCsv } from "./CsvFormat.js"
import { renderJson } from "./JsonFormat.js"
import { renderPdf } from "./PdfFormat.js"
import { renderXlsx } from "./XlsxFormat.js"

/** The media type of each format. */
export const mediaTypes: Record<ReportFormat, string> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
}

/** The file name a download suggests: `COORD-MECH-2017_interim_2017-12-01_2018-06-30_v1.pdf`. */
export const fileName = (d: ReportDocument, format: ReportFormat): string =>
  `${d.identity.code.replace(/[^\w.-]+/g, "-")}_${d.kind}_${d.periodStart}_${d.periodEnd}_v${d.version}.${format}`

/** One format of a report. */
export const render = (document: ReportDocument, format: ReportFormat): Promise<Uint8Array> => {
  switch (format) {
    case "json":
      return Promise.resolve(renderJson(document))
    case "csv":
      return Promise.resolve(renderCsv(document))
    case "xlsx":
      return renderXlsx(document)
    case "pdf":
      return renderPdf(document)
  }
}
