/**
 * `@coordina/domain/testing`: generators of random but valid records for property tests, so
 * that other packages (and other teams) can check their own code against the domain's rules.
 * @module
 */
export * from "./reach/Arbitrary.js"
export * from "./ReportReference.js"
