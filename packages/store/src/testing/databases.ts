/**
 * Every database a repository test runs against: a fresh SQLite file and, when a cluster is
 * up, a fresh PostgreSQL database. Use with `describe.each(testDatabases())`.
 * @module
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect, Layer } from "effect"
import { inject } from "vitest"
import * as Database from "../Database.js"
import * as Store from "../Store.js"
import type { StoreServices } from "../Store.js"

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of the run's throwaway PostgreSQL cluster, or null when none started. */
    pgUrl: string | null
  }
}

/** One database a test suite runs on. */
export interface TestDatabase {
  readonly name: "sqlite" | "postgres"
  /** A new, empty, migrated database each time it is called. */
  readonly freshUrl: () => Promise<string>
  readonly available: boolean
}

let counter = 0

const createPgDatabase = (adminUrl: string): Promise<string> => {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`
  return Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* sql.unsafe(`CREATE DATABASE ${name}`)
  }).pipe(
    Effect.provide(Database.clientLayer(adminUrl)),
    Effect.scoped,
    Effect.as(adminUrl.replace(/\/[^/]*$/, `/${name}`)),
    Effect.runPromise,
  )
}

/** The databases tests run on; PostgreSQL is listed but unavailable when no cluster started. */
export const testDatabases = (): ReadonlyArray<TestDatabase> => {
  const pgUrl = inject("pgUrl")
  return [
    {
      name: "sqlite",
      available: true,
      freshUrl: async () => `file:${join(mkdtempSync(join(tmpdir(), "coordina-sqlite-")), "test.db")}`,
    },
    { name: "postgres", available: pgUrl != null, freshUrl: () => createPgDatabase(pgUrl!) },
  ]
}

/** A migrated database layer for a fresh database of the given kind. */
export const freshDatabaseLayer = (db: TestDatabase): Layer.Layer<SqlClient.SqlClient> =>
  Layer.unwrapEffect(Effect.promise(() => db.freshUrl()).pipe(Effect.map(Database.layer)))

/** Every repository and the file storage over a fresh, migrated database of the given kind. */
export const freshStoreLayer = (db: TestDatabase): Layer.Layer<StoreServices> =>
  Layer.unwrapEffect(Effect.promise(() => db.freshUrl()).pipe(Effect.map(Store.layer)))
