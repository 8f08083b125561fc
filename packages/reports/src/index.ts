/**
 * `@coordina/reports`: a funder report's files (JSON, CSV, XLSX, PDF) from its document. The
 * numbers come from the domain's `reportContent`; this package only lays them out.
 * @module
 */
export { renderCsv } from "./CsvFormat.js"
export { renderJson } from "./JsonFormat.js"
export { howCounted, indicatorName, type Labels, labelsOf } from "./Labels.js"
export { renderPdf } from "./PdfFormat.js"
export { fileName, mediaTypes, render } from "./Render.js"
export { dateFormat, renderXlsx } from "./XlsxFormat.js"
export { type CertificateSheet, certificateDate, renderCertificates } from "./CertificatePdf.js"
/**
 * A published manual version as DOCX. The `docx` library loads with the first DOCX, not with the
 * package, so a worker that renders none does not carry it (issue 9: the worker's memory).
 */
export const renderManualDocx: typeof import("./ManualDocx.js").renderManualDocx = async (
  version,
  language,
) => (await import("./ManualDocx.js")).renderManualDocx(version, language)
export { renderManualPdf } from "./ManualPdf.js"
export { manualLabels } from "./ManualText.js"
