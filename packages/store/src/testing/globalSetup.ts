/**
 * Vitest global setup: one throwaway PostgreSQL cluster per test run, its URL handed to the
 * tests as `inject("pgUrl")`. Without a server the PostgreSQL tests are skipped, except under
 * CI=true, where a missing server fails the run.
 * @module
 */
import type { TestProject } from "vitest/node"
import type {} from "./databases.js"
import { type PgCluster, startPgCluster } from "./PgCluster.js"

let cluster: PgCluster | undefined

export async function setup(project: TestProject) {
  try {
    cluster = await startPgCluster()
    project.provide("pgUrl", cluster.url)
  } catch (error) {
    if (process.env.CI === "true") throw error
    console.warn(`PostgreSQL tests will be skipped: ${(error as Error).message}`)
    project.provide("pgUrl", null)
  }
}

export async function teardown() {
  cluster?.stop()
}
