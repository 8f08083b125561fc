/**
 * `@coordina/store/bench`: what the API's benchmark needs from the store beyond its public
 * surface: the agreements data set and the SQL forms of the rules the hand-written review shares.
 * @module
 */
export { type AgreementsData, type DataSize, generate, insertData } from "./agreementsData.js"
export { measureStatusExpression, overdueCondition } from "../RuleSql.js"
