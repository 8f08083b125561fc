/**
 * The database Coordina runs on, chosen by a URL: `file:./data/coordina.db` (SQLite, the
 * embedded default) or `postgres://…`. Both give the same `SqlClient`, so every repository
 * is written once.
 * @module
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import * as SqlClient from "@effect/sql/SqlClient"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect, Layer, Redacted, String as Str } from "effect"
import { migrate } from "./migrations/index.js"

/** Which engine a database URL selects. */
export type Dialect = "sqlite" | "pg"

/** The engine a URL selects; anything not `postgres://` or `postgresql://` is a SQLite file. */
export const dialectOf = (url: string): Dialect => (/^postgres(ql)?:\/\//.test(url) ? "pg" : "sqlite")

/** The file path of a `file:` URL (or a bare path). */
export const sqlitePath = (url: string): string => resolve(url.replace(/^file:(\/\/)?/, ""))

const names = { transformQueryNames: Str.camelToSnake, transformResultNames: Str.snakeToCamel }

const sqlite = (url: string) => {
  const filename = sqlitePath(url)
  mkdirSync(dirname(filename), { recursive: true })
  return SqliteClient.layer({ filename, ...names }).pipe(
    Layer.tap((ctx) =>
      // WAL is on by default in the driver; foreign keys and a busy timeout are not.
      SqlClient.SqlClient.pipe(
        Effect.flatMap((sql) => Effect.all([sql`PRAGMA foreign_keys = ON`, sql`PRAGMA busy_timeout = 5000`])),
        Effect.provide(ctx),
      ),
    ),
  )
}

const pg = (url: string) =>
  PgClient.layer({ url: Redacted.make(url), maxConnections: 10, ...names, transformJson: false })

/** A `SqlClient` for the database a URL names, without migrating it. */
export const clientLayer = (url: string): Layer.Layer<SqlClient.SqlClient> =>
  (dialectOf(url) === "pg" ? pg(url) : sqlite(url)).pipe(Layer.orDie) as Layer.Layer<SqlClient.SqlClient>

/** A `SqlClient` for the database a URL names, migrated to the latest schema. */
export const layer = (url: string): Layer.Layer<SqlClient.SqlClient> =>
  Layer.effectDiscard(migrate.pipe(Effect.orDie)).pipe(Layer.provideMerge(clientLayer(url)))

/** Whether the database answers; used by `/health`. */
export const ping = SqlClient.SqlClient.pipe(
  Effect.flatMap((sql) => sql`SELECT 1 AS ok`),
  Effect.as(true),
  Effect.catchAll(() => Effect.succeed(false)),
)
