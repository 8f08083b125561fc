/**
 * Manuals: the current chapters, and the published versions as snapshots. The primary key
 * (manual, version) makes two publishers racing for the same number fail, never both succeed.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  type LocalizedText,
  Manual,
  type ManualChapter,
  ManualNotFound,
  ManualVersion,
  ManualVersionNotFound,
  ManualVersionStale,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { int, json } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Manual)
const decodeVersion = Schema.decodeUnknownSync(ManualVersion)

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const get = Effect.fn("ManualsRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM manuals WHERE id = ${id}`.pipe(Effect.orDie)
    const r = rows[0]
    if (!r) return yield* new ManualNotFound({ manualId: id })
    const versions = yield* sql`SELECT version, published_at FROM manual_versions
      WHERE manual_id = ${id} ORDER BY version`.pipe(Effect.orDie)
    return decode({
      id: r.id,
      projectId: r.projectId,
      title: json(r.title),
      chapters: json(r.chapters),
      versions: versions.map((v) => ({ version: int(v.version), publishedAt: v.publishedAt })),
      version: int(r.version),
      createdAt: r.createdAt,
    })
  })

  const create = Effect.fn("ManualsRepository.create")(function* (
    id: string,
    projectId: string,
    title: LocalizedText,
  ) {
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO manuals ${sql.insert({
      id,
      projectId,
      title: JSON.stringify(title),
      chapters: "[]",
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Replaces the chapters if the record is at `expectedVersion`. */
  const setChapters = Effect.fn("ManualsRepository.setChapters")(function* (
    id: string,
    expectedVersion: number,
    chapters: ReadonlyArray<ManualChapter>,
  ) {
    const now = DateTime.formatIso(yield* DateTime.now)
    const updated = yield* sql`UPDATE manuals SET ${sql.update({
      chapters: JSON.stringify(chapters),
      version: expectedVersion + 1,
      updatedAt: now,
    })} WHERE id = ${id} AND version = ${expectedVersion} RETURNING id`.pipe(Effect.orDie)
    if (updated.length === 0) {
      const current = yield* get(id)
      return yield* new ManualVersionStale({ manualId: id, currentVersion: current.version })
    }
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Stores `snapshot` as the next version number; answers that version. */
  const publish = Effect.fn("ManualsRepository.publish")(function* (
    id: string,
    snapshot: Omit<ManualVersion, "version" | "publishedAt" | "manualId">,
  ) {
    const now = DateTime.formatIso(yield* DateTime.now)
    const [last] = yield* sql`SELECT MAX(version) AS n FROM manual_versions WHERE manual_id = ${id}`.pipe(
      Effect.orDie,
    )
    const version = int(last?.n) + 1
    yield* sql`INSERT INTO manual_versions ${sql.insert({
      manualId: id,
      version,
      publishedAt: now,
      snapshot: JSON.stringify(snapshot),
    })}`.pipe(Effect.orDie)
    return yield* getVersion(id, version).pipe(Effect.orDie)
  })

  const getVersion = Effect.fn("ManualsRepository.getVersion")(function* (id: string, version: number) {
    const rows =
      yield* sql`SELECT * FROM manual_versions WHERE manual_id = ${id} AND version = ${version}`.pipe(
        Effect.orDie,
      )
    const r = rows[0]
    if (!r) return yield* new ManualVersionNotFound({ manualId: id, version })
    const snapshot = json<Record<string, unknown>>(r.snapshot)
    return decodeVersion({ ...snapshot, manualId: id, version: int(r.version), publishedAt: r.publishedAt })
  })

  return { get, create, setChapters, publish, getVersion } as const
})

/** Stores the manuals and their published versions. */
export class ManualsRepository extends Context.Tag("@coordina/store/ManualsRepository")<
  ManualsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ManualsRepository, make)
}
