/**
 * The application over a fresh test database: every use case, a clock stopped at a given
 * instant and ids in order, on SQLite or PostgreSQL.
 * @module
 */
import { Store } from "@coordina/store"
import { freshDatabaseLayer, type TestDatabase } from "@coordina/store/testing"
import { Layer } from "effect"
import * as App from "../AppLayer.js"
import { Ids } from "../Ids.js"
import { Today } from "../Today.js"

/** Every use case over a fresh, migrated database, with the clock at `now` (Sofia) and sequential ids. */
export const testApp = (db: TestDatabase, now = "2026-06-15T09:00:00Z") =>
  App.over(
    Layer.mergeAll(Today.fixed(now), Ids.sequential).pipe(
      Layer.provideMerge(Store.repositories.pipe(Layer.provideMerge(freshDatabaseLayer(db)))),
    ),
  )
