/**
 * Sign-in sheets: the rules a sheet of attendees must satisfy before anything from it is
 * stored, and the plan of what importing it changes.
 *
 * A sheet is all or nothing: every error of every row is collected and reported with the row
 * number a person sees in a spreadsheet (the header is row 1), so staff fix the sheet once.
 * Importing is idempotent: the plan of a sheet already imported changes nothing.
 *
 * The folder holds one concept per module: errors, the header, rows, the plan of an import, and
 * the answer.
 * @module
 */
export * from "./Errors.js"
export * from "./Header.js"
export * from "./Plan.js"
export * from "./Result.js"
export * from "./Rows.js"
export * from "./Template.js"
