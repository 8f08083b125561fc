import { createHash, randomBytes } from "node:crypto"
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Stream } from "effect"
import * as Database from "./Database.js"
import { chunkSize, FileStorage, fileStorageFor } from "./FileStorage.js"
import { testDatabases } from "./testing/index.js"

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex")

describe.each(testDatabases())("FileStorage on $name", (db) => {
  let url = ""
  const layer = () =>
    Layer.unwrapEffect(
      Effect.promise(() => db.freshUrl()).pipe(
        Effect.map((u) => {
          url = u
          return fileStorageFor(u).pipe(Layer.provideMerge(Database.layer(u)))
        }),
      ),
    )

  it.effect.skipIf(!db.available)(
    "stores streamed bytes across chunks, with their checksum, and reads them back checked",
    () =>
      Effect.gen(function* () {
        const files = yield* FileStorage
        expect(files.kind).toBe(db.name === "postgres" ? "postgres" : "disk")
        const bytes = new Uint8Array(randomBytes(chunkSize * 2 + 1234))
        const stored = yield* files.put(bytes, { mediaType: "application/pdf" })
        expect(stored).toMatchObject({ mediaType: "application/pdf", size: bytes.length, sha256: sha(bytes) })
        expect(Option.getOrThrow(yield* files.stat(stored.id))).toEqual(stored)
        expect(yield* files.readAll(stored.id)).toEqual(bytes)
        const chunks = yield* Stream.runCollect(files.read(stored.id))
        expect([...chunks].length).toBeGreaterThan(1)

        async function* pieces() {
          yield new TextEncoder().encode("Присъствен ")
          yield new TextEncoder().encode("списък")
        }
        const streamed = yield* files.put(pieces(), { mediaType: "text/plain" })
        expect(new TextDecoder().decode(yield* files.readAll(streamed.id))).toBe("Присъствен списък")
        const empty = yield* files.put(new Uint8Array(0), { mediaType: "text/plain" })
        expect((yield* files.readAll(empty.id)).length).toBe(0)
        yield* files.remove(streamed.id)
        expect(Option.isNone(yield* files.stat(streamed.id))).toBe(true)
      }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("refuses a file over the limit and keeps nothing of it", () =>
    Effect.gen(function* () {
      const files = yield* FileStorage
      const error = yield* files
        .put(new Uint8Array(chunkSize + 10), { mediaType: "image/png", maxBytes: chunkSize, id: "fil_big" })
        .pipe(Effect.flip)
      expect(error._tag).toBe("FileTooLarge")
      expect(Option.isNone(yield* files.stat("fil_big"))).toBe(true)
      if (db.name === "sqlite") {
        const root = join(dirname(Database.sqlitePath(url)), "files")
        const left = readdirSync(root, { recursive: true }).map(String)
        expect(left.filter((f) => f.includes("fil_big"))).toEqual([])
      } else {
        const sql = yield* SqlClient.SqlClient
        expect(yield* sql`SELECT * FROM file_chunks WHERE file_id = 'fil_big'`).toEqual([])
      }
    }).pipe(Effect.provide(layer())),
  )

  it.effect.skipIf(!db.available)("fails a read whose bytes were altered, instead of passing them on", () =>
    Effect.gen(function* () {
      const files = yield* FileStorage
      const stored = yield* files.put(new TextEncoder().encode("report v1, submitted"), {
        mediaType: "text/plain",
      })
      if (db.name === "sqlite") {
        const path = join(dirname(Database.sqlitePath(url)), "files", stored.id.slice(-2), stored.id)
        const bytes = readFileSync(path)
        bytes[0] = bytes[0]! ^ 1
        writeFileSync(path, bytes)
      } else {
        const sql = yield* SqlClient.SqlClient
        yield* sql`UPDATE file_chunks SET data = ${new TextEncoder().encode("report v2, altered!!")} WHERE file_id = ${stored.id}`
      }
      expect((yield* files.readAll(stored.id).pipe(Effect.flip))._tag).toBe("FileCorrupted")
    }).pipe(Effect.provide(layer())),
  )
})
