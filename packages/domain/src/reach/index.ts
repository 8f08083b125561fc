/**
 * Reach accounting: how many distinct people from the target groups a project reached,
 * directly and indirectly, and who they were (design/reach-accounting.md).
 *
 * The rules consume rows one at a time, so the store can stream a project's participations
 * and dissemination from the database in batches without loading whole tables:
 *
 * ```ts
 * const acc = new ReachAccumulator(project, asOf)
 * for (const row of participationRows) acc.addParticipation(row)
 * for (const row of activityRows) acc.addDissemination(row)
 * for (const row of namedRows) acc.addNamedPerson(row)
 * const report = toReachReport(acc.result())
 * ```
 *
 * The answer never depends on the order of the rows.
 *
 * A store that selects in SQL instead hands over one row per reached person: it takes the
 * project's {@link qualificationCriteria} (plain data: roles, target-group institution ids,
 * required days per event), finds each survivor's first qualifying participation, and calls
 * {@link ReachAccumulator.addFirstQualification}; breakdowns, indirect reach and targets
 * follow exactly as from rows.
 *
 * The folder holds one concept per module: the rows ({@link ReachProject} and the row types),
 * breakdowns, qualification, the accumulator, the API's report, drill-down, whole records in
 * memory, the series over time, and the API's drill-down and attendance answers.
 * @module
 */
export * from "./Accumulator.js"
export * from "./Breakdown.js"
export * from "./Drill.js"
export * from "./Exclusion.js"
export * from "./Qualification.js"
export * from "./Records.js"
export * from "./Report.js"
export * from "./Rows.js"
export * from "./Timeline.js"
export * from "./Views.js"
