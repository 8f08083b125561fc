/**
 * Test support shared by every package whose tests touch a database.
 * @module
 */
export { freshDatabaseLayer, freshStoreLayer, type TestDatabase, testDatabases } from "./databases.js"
export { insertInstitution } from "./agreementsFixtures.js"
export { storeReachRecords } from "./reachFixtures.js"
export { findPgBin, type PgCluster, startPgCluster } from "./PgCluster.js"
