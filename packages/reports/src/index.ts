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
export { renderManualDocx } from "./ManualDocx.js"
export { renderManualPdf } from "./ManualPdf.js"
export { manualLabels } from "./ManualText.js"
