/**
 * Evidence records: what each stored file attached to an event or an activity is. The bytes are
 * the file storage's; this repository keeps the row that names them.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Evidence, EvidenceNotFound } from "@coordina/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { int } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Evidence)

const fromRow = (r: Record<string, unknown>): Evidence =>
  decode({
    id: r.id,
    projectId: r.projectId,
    attachedTo:
      r.eventId !== null && r.eventId !== undefined
        ? { type: "event", id: r.eventId }
        : { type: "activity", id: r.activityId },
    kind: r.kind,
    name: r.name,
    mediaType: r.mediaType,
    size: int(r.size),
    sha256: r.sha256,
    fileId: r.fileId,
    uploadedBy: r.uploadedBy,
    uploadedAt: r.uploadedAt,
  })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const insert = Effect.fn("EvidenceRepository.insert")(function* (e: Evidence) {
    yield* sql`INSERT INTO evidence ${sql.insert({
      id: e.id,
      projectId: e.projectId,
      eventId: e.attachedTo.type === "event" ? e.attachedTo.id : null,
      activityId: e.attachedTo.type === "activity" ? e.attachedTo.id : null,
      kind: e.kind,
      name: e.name,
      mediaType: e.mediaType,
      size: e.size,
      sha256: e.sha256,
      fileId: e.fileId,
      uploadedBy: e.uploadedBy,
      uploadedAt: e.uploadedAt,
    })}`.pipe(Effect.orDie)
    return e
  })

  const get = Effect.fn("EvidenceRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM evidence WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new EvidenceNotFound({ evidenceId: id })
    return fromRow(rows[0])
  })

  /** The files attached to one event or activity, oldest first. */
  const listByTarget = Effect.fn("EvidenceRepository.listByTarget")(function* (
    type: "event" | "activity",
    id: string,
  ) {
    const rows = yield* (
      type === "event"
        ? sql`SELECT * FROM evidence WHERE event_id = ${id} ORDER BY uploaded_at, id`
        : sql`SELECT * FROM evidence WHERE activity_id = ${id} ORDER BY uploaded_at, id`
    ).pipe(Effect.orDie)
    return rows.map(fromRow)
  })

  /** Every file of a project's events and activities (a report picks its period's). */
  const listByProject = Effect.fn("EvidenceRepository.listByProject")(function* (projectId: string) {
    const rows = yield* sql`SELECT * FROM evidence WHERE project_id = ${projectId} ORDER BY id`.pipe(
      Effect.orDie,
    )
    return rows.map(fromRow)
  })

  /** How many evidence rows there are: tests check that a refused upload stored nothing. */
  const count = sql`SELECT COUNT(*) AS n FROM evidence`.pipe(
    Effect.orDie,
    Effect.map((rows) => int(rows[0]?.n)),
  )

  return { insert, get, listByTarget, listByProject, count } as const
})

/** Evidence records. */
export class EvidenceRepository extends Context.Tag("@coordina/store/EvidenceRepository")<
  EvidenceRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current database. */
  static readonly layer = Layer.effect(EvidenceRepository, make)
}
