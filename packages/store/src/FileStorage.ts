/**
 * One streamed storage for files (report files, evidence), with two implementations behind the
 * same service: the local disk under `<database dir>/files` (`./data/files` by default) for the
 * embedded SQLite setup, and PostgreSQL (chunked `bytea`) when several API instances and workers
 * share one database, so no file lives on one machine only. An S3-compatible store can be added
 * behind the same interface.
 *
 * Every file's SHA-256 is computed while it is written and checked again while it is read: a
 * read whose bytes do not hash to the stored value fails at its end (`FileCorrupted`) rather than
 * pass altered bytes on as good. A write over `maxBytes` fails (`FileTooLarge`) and stores nothing.
 * @module
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { mkdir, open, rename, rm } from "node:fs/promises"
import { dirname, join } from "node:path"
import * as SqlClient from "@effect/sql/SqlClient"
import { Context, Data, DateTime, Effect, Layer, Option, Stream } from "effect"
import { dialectOf, sqlitePath } from "./Database.js"
import { newId } from "./Ids.js"
import { int } from "./Rows.js"

/** What is kept about a stored file. */
export interface StoredFile {
  readonly id: string
  readonly mediaType: string
  readonly size: number
  readonly sha256: string
  readonly createdAt: string
}

/** A write went past its size limit; nothing was stored. */
export class FileTooLarge extends Data.TaggedError("FileTooLarge")<{ readonly maxBytes: number }> {}

/** A stored file's bytes no longer hash to its checksum. */
export class FileCorrupted extends Data.TaggedError("FileCorrupted")<{ readonly fileId: string }> {}

/** Bytes to store: one array, or a stream of chunks. */
export type FileBytes = Uint8Array | AsyncIterable<Uint8Array>

/** The bytes of PostgreSQL's chunks (a `bytea` row each). */
export const chunkSize = 256 * 1024

const chunksOf = async function* (bytes: FileBytes): AsyncIterable<Uint8Array> {
  if (bytes instanceof Uint8Array) {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
    if (bytes.length === 0) yield bytes
  } else yield* bytes
}

/** The service: write a file, read its metadata, stream it back (checked), delete it. */
export interface FileStorageService {
  readonly put: (
    bytes: FileBytes,
    options: { readonly mediaType: string; readonly maxBytes?: number; readonly id?: string },
  ) => Effect.Effect<StoredFile, FileTooLarge>
  readonly stat: (id: string) => Effect.Effect<Option.Option<StoredFile>>
  /** The file's bytes; the stream fails with `FileCorrupted` at its end if they do not hash to the stored SHA-256. */
  readonly read: (id: string) => Stream.Stream<Uint8Array, FileCorrupted>
  /** The whole file, checked. */
  readonly readAll: (id: string) => Effect.Effect<Uint8Array, FileCorrupted>
  readonly remove: (id: string) => Effect.Effect<void>
  /** Where the bytes live: `disk` or `postgres`. */
  readonly kind: "disk" | "postgres"
}

/** Stores files where every process of the installation can read them. */
export class FileStorage extends Context.Tag("@coordina/store/FileStorage")<
  FileStorage,
  FileStorageService
>() {}

const metadata = (sql: SqlClient.SqlClient) => {
  const stat = (id: string) =>
    sql`SELECT * FROM files WHERE id = ${id}`.pipe(
      Effect.orDie,
      Effect.map((rows) =>
        Option.fromNullable(rows[0]).pipe(
          Option.map(
            (r): StoredFile => ({
              id: String(r.id),
              mediaType: String(r.mediaType),
              size: int(r.size),
              sha256: String(r.sha256),
              createdAt: String(r.createdAt),
            }),
          ),
        ),
      ),
    )
  const insert = (file: StoredFile) => sql`INSERT INTO files ${sql.insert({ ...file })}`.pipe(Effect.orDie)
  /** The bytes of a file on record, checked against its SHA-256 as they stream; an unknown id is corrupt. */
  const readChecked = (id: string, bytes: () => Stream.Stream<Uint8Array, FileCorrupted>) =>
    Stream.unwrap(
      stat(id).pipe(
        Effect.flatMap(
          Option.match({
            onNone: () => Effect.fail(new FileCorrupted({ fileId: id })),
            onSome: (file) => Effect.succeed(checked(id, file.sha256, bytes())),
          }),
        ),
      ),
    )
  return { stat, insert, readChecked }
}

/** Hashes the chunks as they pass and fails the stream at its end if the hash is not `sha256`. */
const checked = <E>(fileId: string, sha256: string, bytes: Stream.Stream<Uint8Array, E>) =>
  Stream.suspend(() => {
    const hash = createHash("sha256")
    return bytes.pipe(
      Stream.tap((chunk) => Effect.sync(() => hash.update(chunk))),
      Stream.concat(
        Stream.fromEffect(
          Effect.suspend(() =>
            hash.digest("hex") === sha256
              ? Effect.succeed(new Uint8Array(0))
              : Effect.fail(new FileCorrupted({ fileId })),
          ),
        ),
      ),
      Stream.filter((chunk) => chunk.length > 0),
    )
  })

const collect = (stream: Stream.Stream<Uint8Array, FileCorrupted>) =>
  Stream.runCollect(stream).pipe(Effect.map((chunks) => new Uint8Array(Buffer.concat([...chunks]))))

const nowIso = Effect.map(DateTime.now, DateTime.formatIso)

/** Files on the local disk under `root`, written to a temporary name and renamed when whole. */
export const diskStorage = (root: string) =>
  Layer.effect(
    FileStorage,
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const meta = metadata(sql)
      const pathOf = (id: string) => join(root, id.slice(-2), id)

      const put: FileStorageService["put"] = (bytes, options) =>
        Effect.gen(function* () {
          const id = options.id ?? newId("fil")
          const path = pathOf(id)
          const temporary = `${path}.${process.pid}.partial`
          const written = yield* Effect.tryPromise({
            try: async () => {
              await mkdir(dirname(path), { recursive: true })
              const hash = createHash("sha256")
              let size = 0
              const file = await open(temporary, "w")
              try {
                for await (const chunk of chunksOf(bytes)) {
                  size += chunk.length
                  if (options.maxBytes !== undefined && size > options.maxBytes)
                    throw new FileTooLarge({ maxBytes: options.maxBytes })
                  hash.update(chunk)
                  await file.write(chunk)
                }
                await file.sync()
              } finally {
                await file.close()
              }
              await rename(temporary, path)
              return { size, sha256: hash.digest("hex") }
            },
            catch: (e) => e,
          }).pipe(
            Effect.tapError(() => Effect.promise(() => rm(temporary, { force: true }))),
            Effect.catchAll((e) => (e instanceof FileTooLarge ? Effect.fail(e) : Effect.die(e))),
          )
          const stored: StoredFile = {
            id,
            mediaType: options.mediaType,
            ...written,
            createdAt: yield* nowIso,
          }
          yield* meta.insert(stored)
          return stored
        })

      const read = (id: string) =>
        meta.readChecked(id, () =>
          Stream.fromAsyncIterable(
            createReadStream(pathOf(id)) as AsyncIterable<Buffer>,
            () => new FileCorrupted({ fileId: id }),
          ).pipe(Stream.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),
        )

      const remove = (id: string) =>
        Effect.gen(function* () {
          yield* sql`DELETE FROM files WHERE id = ${id}`.pipe(Effect.orDie)
          yield* Effect.promise(() => rm(pathOf(id), { force: true }))
        })

      return {
        put,
        stat: meta.stat,
        read,
        readAll: (id) => collect(read(id)),
        remove,
        kind: "disk",
      } satisfies FileStorageService
    }),
  )

/** Files in PostgreSQL, as `bytea` chunks of {@link chunkSize}, written in the caller's transaction. */
export const postgresStorage = Layer.effect(
  FileStorage,
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const meta = metadata(sql)

    const put: FileStorageService["put"] = (bytes, options) =>
      Effect.gen(function* () {
        const id = options.id ?? newId("fil")
        const createdAt = yield* nowIso
        // The metadata row comes first (the chunks refer to it); its size and hash are set once
        // every chunk is in, all in one transaction, so a reader never sees half a file.
        yield* meta.insert({ id, mediaType: options.mediaType, size: 0, sha256: "", createdAt })
        const hash = createHash("sha256")
        let size = 0
        let seq = 0
        const iterator = chunksOf(bytes)[Symbol.asyncIterator]()
        for (;;) {
          const next = yield* Effect.promise(() => iterator.next())
          if (next.done) break
          size += next.value.length
          if (options.maxBytes !== undefined && size > options.maxBytes)
            return yield* new FileTooLarge({ maxBytes: options.maxBytes })
          hash.update(next.value)
          yield* sql`INSERT INTO file_chunks ${sql.insert({ fileId: id, seq: seq++, data: next.value })}`.pipe(
            Effect.orDie,
          )
        }
        const sha256 = hash.digest("hex")
        yield* sql`UPDATE files SET size = ${size}, sha256 = ${sha256} WHERE id = ${id}`.pipe(Effect.orDie)
        return { id, mediaType: options.mediaType, size, sha256, createdAt } satisfies StoredFile
      }).pipe(sql.withTransaction, Effect.catchTag("SqlError", Effect.die))

    const chunk = (id: string, seq: number) =>
      sql`SELECT data FROM file_chunks WHERE file_id = ${id} AND seq = ${seq}`.pipe(
        Effect.orDie,
        Effect.map((rows) => Option.fromNullable(rows[0]?.data as Uint8Array | undefined)),
      )

    const read = (id: string) =>
      meta.readChecked(id, () =>
        // One chunk per query: memory stays at one chunk whatever the file's size.
        Stream.paginateEffect(0, (seq) =>
          chunk(id, seq).pipe(
            Effect.map((data) => [
              Option.getOrElse(data, () => new Uint8Array(0)),
              Option.isSome(data) ? Option.some(seq + 1) : Option.none(),
            ]),
          ),
        ).pipe(Stream.map((b) => new Uint8Array(b))),
      )

    return {
      put,
      stat: meta.stat,
      read,
      readAll: (id) => collect(read(id)),
      remove: (id) => sql`DELETE FROM files WHERE id = ${id}`.pipe(Effect.orDie, Effect.asVoid),
      kind: "postgres",
    } satisfies FileStorageService
  }),
)

/** The storage a database URL implies: PostgreSQL's own tables, or the disk beside the SQLite file. */
export const fileStorageFor = (databaseUrl: string): Layer.Layer<FileStorage, never, SqlClient.SqlClient> =>
  dialectOf(databaseUrl) === "pg"
    ? postgresStorage
    : diskStorage(join(dirname(sqlitePath(databaseUrl)), "files"))
