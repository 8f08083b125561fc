/**
 * `@coordina/domain`: the business rules of Coordina, pure and built on `effect/Schema`.
 * @module
 */
export * from "./CalendarDate.js"
export * from "./Project.js"
