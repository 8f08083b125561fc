/**
 * `@coordina/app`: Coordina's use cases as Effect services. Each owns its transaction, its
 * audit entry, its scope check, its clock and its ids; the API's handlers and the worker's jobs
 * call them and nothing else.
 * @module
 */
export { Activities } from "./Activities.js"
export * as App from "./AppLayer.js"
export type { AppServices, AppSettings } from "./AppLayer.js"
export { type AgreementQuery, Agreements, type Decide, viewFor } from "./Agreements.js"
export { Beneficiaries } from "./Beneficiaries.js"
export { Ids, nextId } from "./Ids.js"
export { type OnStep, ReportContents } from "./ReportContents.js"
export { type JobOptions, ReportJobs } from "./ReportJobs.js"
export { Reports, toReportView } from "./Reports.js"
export { MunicipalOffers, type OfferQuery } from "./MunicipalOffers.js"
export { Plans } from "./Plans.js"
export { OrdinanceReview, type ReviewQuery } from "./Review.js"
export { type Answer, type TaskQuery, Tasks } from "./Tasks.js"
export { nowIso, Today, today } from "./Today.js"
export { createAudited, transaction } from "./Transaction.js"
