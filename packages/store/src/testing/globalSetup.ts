/**
 * Vitest global setup: one throwaway PostgreSQL cluster per test run, its URL handed to the
 * tests as `inject("pgUrl")`. Without a server the PostgreSQL tests are skipped, with a warning,
 * only in a run that does not require them: under CI=true, or when COORDINA_TEST_REQUIRE names
 * postgresql (as `pnpm test` does), a missing server fails the run.
 * @module
 */
import type { TestProject } from "vitest/node"
import type {} from "./databases.js"
import { type PgCluster, startPgCluster } from "./PgCluster.js"

let cluster: PgCluster | undefined

const required = (what: string) => (process.env.COORDINA_TEST_REQUIRE ?? "").split(",").includes(what)

export async function setup(project: TestProject) {
  try {
    cluster = await startPgCluster()
    project.provide("pgUrl", cluster.url)
  } catch (error) {
    if (process.env.CI === "true" || required("postgresql")) throw error
    console.warn(`PostgreSQL tests will be skipped: ${(error as Error).message}`)
    project.provide("pgUrl", null)
  }
}

export async function teardown() {
  cluster?.stop()
}
