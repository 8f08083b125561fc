/**
 * Test support shared by every package whose tests touch a database.
 * @module
 */
export { freshDatabaseLayer, type TestDatabase, testDatabases } from "./databases.js"
export { insertInstitution } from "./agreementsFixtures.js"
export { findPgBin, type PgCluster, startPgCluster } from "./PgCluster.js"
