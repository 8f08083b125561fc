/**
 * `@coordina/app`: Coordina's use cases as Effect services. Each owns its transaction, its
 * audit entry, its scope check, its clock and its ids; the API's handlers and the worker's jobs
 * call them and nothing else.
 * @module
 */
export { Activities } from "./Activities.js"
export * as App from "./AppLayer.js"
export type { AppServices, AppSettings } from "./AppLayer.js"
export { Ids, nextId } from "./Ids.js"
export { type OnStep, ReportContents } from "./ReportContents.js"
export { type JobOptions, ReportJobs } from "./ReportJobs.js"
export { Reports, toReportView } from "./Reports.js"
export { nowIso, Today, today } from "./Today.js"
export { createAudited, transaction } from "./Transaction.js"
