/**
 * `@coordina/worker`: scheduled jobs, for the entry point and for tests.
 * @module
 */
export { dayIn, type Job, runDue, schedule } from "./Job.js"
export { jobs } from "./jobs/index.js"
