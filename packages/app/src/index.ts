/**
 * `@coordina/app`: Coordina's use cases as Effect services. Each owns its transaction, its
 * audit entry, its scope check, its clock and its ids; the API's handlers and the worker's jobs
 * call them and nothing else.
 * @module
 */
export * as App from "./AppLayer.js"
export type { AppServices, AppSettings, UseCases } from "./AppLayer.js"
export { type AgreementQuery, Agreements, type Decide, viewFor } from "./Agreements.js"
export { Beneficiaries } from "./Beneficiaries.js"
export { Calendar, currentCalendar } from "./Calendar.js"
export { Dissemination, type DisseminationQuery } from "./Dissemination.js"
export { type EventQuery, Events } from "./Events.js"
export { type InstitutionQuery, Institutions } from "./Institutions.js"
export { People, type PeopleQuery, personView } from "./People.js"
export { type Actor, type DataSubject, Privacy } from "./Privacy.js"
export { Projects } from "./Projects.js"
export { type DrillDown, Reach, type SeriesRange } from "./Reach.js"
export { Retention, type RetentionRun } from "./Retention.js"
export { SheetImport, type SheetTable, type SheetUpload } from "./SheetImport.js"
export { Ids, nextId } from "./Ids.js"
export { MunicipalOffers, type OfferQuery } from "./MunicipalOffers.js"
export { Plans } from "./Plans.js"
export { OrdinanceReview, type ReviewQuery } from "./Review.js"
export { type Answer, type TaskQuery, Tasks } from "./Tasks.js"
export { nowIso, Today, today } from "./Today.js"
export { createAudited, transaction } from "./Transaction.js"
