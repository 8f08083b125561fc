/**
 * Stored files (report files, evidence): their metadata in every database, and on PostgreSQL
 * their bytes in chunks, so every API instance and worker reads the same files. On SQLite the
 * bytes live on the local disk beside the database (`./data/files`).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE files (
      id TEXT PRIMARY KEY,
      media_type TEXT NOT NULL,
      size BIGINT NOT NULL,
      sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`
  yield* sql.onDialectOrElse({
    pg: () => sql`
      CREATE TABLE file_chunks (
        file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (file_id, seq)
      )`,
    orElse: () => Effect.void,
  })
})
