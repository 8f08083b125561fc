/**
 * Evidence's use cases: attach a file to an event or an activity, list a record's files, and
 * stream one back. A file's type is read from its first bytes (`file-type`'s magic numbers), so a
 * renamed executable is refused whatever its name or declared type; the bytes stream into the
 * file storage, which refuses anything past the size limit, so nothing is kept of a refused
 * upload. The storage's SHA-256 is kept with the record and checked again on every read. Each
 * upload and each download is in the audit log.
 *
 * Scope follows the record a file is attached to: an event's files are the events family's
 * (`events:write` to attach, `events:read` to list or read), an activity's the plan's, which is
 * the reports family's; always within the caller's projects.
 * @module
 */
import {
  allows,
  canSeeProject,
  Evidence as EvidenceRecord,
  EvidenceNotFound,
  type EvidenceKind,
  type EvidenceTarget,
  EvidenceTooLarge,
  EvidenceTypeNotAllowed,
  EventNotFound,
  evidenceFileName,
  evidenceMediaTypes,
  isEvidenceMediaType,
  type Principal,
  ActivityNotFound,
} from "@coordina/domain"
import {
  ActivitiesRepository,
  AuditLog,
  EventsRepository,
  EvidenceRepository,
  FileStorage,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { nextId } from "./Ids.js"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"

/** Bytes `file-type` reads to tell a type (its own sample size). */
const sniffBytes = 4100

// file-type (and the tokenizers it brings) loads on the first upload, not with the package: the
// worker never receives one, and it would cost it resident memory (issue 9). Imported once.
let fileType: Promise<typeof import("file-type")> | undefined
const loadFileType = () => {
  fileType ??= import("file-type")
  return fileType
}

/** An upload as the API hands it over: what it is attached to, what it is, and its bytes as they arrive. */
export interface EvidenceUpload {
  readonly target: EvidenceTarget
  readonly kind: EvidenceKind
  /** The client's file name (kept only as a label). */
  readonly name: string | undefined
  readonly bytes: AsyncIterable<Uint8Array>
  readonly maxBytes: number
}

/** The first bytes of `bytes` (at least {@link sniffBytes} unless it ends first), and the rest. */
const splitHead = async (bytes: AsyncIterable<Uint8Array>) => {
  const iterator = bytes[Symbol.asyncIterator]()
  const head: Array<Uint8Array> = []
  let size = 0
  let done = false
  while (size < sniffBytes) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    head.push(next.value)
    size += next.value.length
  }
  const first = Buffer.concat(head)
  const whole = async function* () {
    yield new Uint8Array(first.buffer, first.byteOffset, first.byteLength)
    if (done) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  return { head: first, whole }
}

const familyOf = (target: EvidenceTarget) => (target.type === "event" ? "events" : "reports")

const make = Effect.gen(function* () {
  const evidence = yield* EvidenceRepository
  const events = yield* EventsRepository
  const activities = yield* ActivitiesRepository
  const files = yield* FileStorage
  const audit = yield* AuditLog
  const today = yield* Today

  /** The project of the record a file is (to be) attached to, when the caller may see it. */
  const projectOf = (principal: Principal, target: EvidenceTarget) =>
    target.type === "event"
      ? events.get(target.id).pipe(
          Effect.filterOrFail(
            (e) => canSeeProject(principal, e.projectId),
            () => new EventNotFound({ eventId: target.id }),
          ),
          Effect.map((e) => e.projectId as string),
        )
      : activities.get(target.id).pipe(
          Effect.filterOrFail(
            (a) => canSeeProject(principal, a.projectId),
            () => new ActivityNotFound({ activityId: target.id }),
          ),
          Effect.map((a) => a.projectId as string),
        )

  const upload = Effect.fn("Evidence.upload")(function* (principal: Principal, input: EvidenceUpload) {
    const projectId = yield* projectOf(principal, input.target)
    const { head, whole } = yield* Effect.promise(() => splitHead(input.bytes))
    const detected = yield* Effect.promise(async () =>
      (await loadFileType()).fileTypeFromBuffer(head.subarray(0, sniffBytes)),
    )
    if (!isEvidenceMediaType(detected?.mime))
      return yield* new EvidenceTypeNotAllowed({
        message: detected
          ? `The file's content is ${detected.mime}, which is not kept as evidence.`
          : "The file's content is of no type kept as evidence.",
        ...(detected ? { detected: detected.mime } : {}),
        allowed: [...evidenceMediaTypes],
      })
    const id = yield* nextId("evd")
    const stored = yield* files
      .put(whole(), { mediaType: detected.mime, maxBytes: input.maxBytes })
      .pipe(Effect.catchTag("FileTooLarge", () => tooLarge(input.maxBytes)))
    const record = new EvidenceRecord({
      id: id as EvidenceRecord["id"],
      projectId,
      attachedTo: input.target,
      kind: input.kind,
      name: evidenceFileName(input.name),
      mediaType: stored.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      fileId: stored.id,
      uploadedBy: principal.id,
      uploadedAt: yield* today.nowIso,
    })
    // The file went in on its own (a long upload holds no transaction); should the record fail
    // to commit, the file goes too, so nothing is left of the upload.
    return yield* transaction(
      Effect.gen(function* () {
        yield* evidence.insert(record)
        yield* audit.record({
          actor: principal.id,
          action: "create",
          entity: `evidence:${id}`,
          after: record,
        })
        return record
      }),
    ).pipe(Effect.onError(() => files.remove(stored.id)))
  })

  const list = Effect.fn("Evidence.list")(function* (principal: Principal, target: EvidenceTarget) {
    yield* projectOf(principal, target)
    return yield* evidence.listByTarget(target.type, target.id)
  })

  /** A file the caller may read: within their projects and the attached record's family. */
  const visible = (principal: Principal, id: string) =>
    evidence.get(id).pipe(
      Effect.filterOrFail(
        (e) => canSeeProject(principal, e.projectId) && allows(principal, familyOf(e.attachedTo), "read"),
        () => new EvidenceNotFound({ evidenceId: id }),
      ),
    )

  /** The file's record and its bytes, checked against the SHA-256 as they stream; the read is audited. */
  const download = Effect.fn("Evidence.download")(function* (principal: Principal, id: string) {
    const record = yield* visible(principal, id)
    yield* audit.record({ actor: principal.id, action: "download", entity: `evidence:${id}` })
    return { record, stream: files.read(record.fileId) }
  })

  return { upload, list, download } as const
})

const tooLarge = (maxBytes: number) =>
  Effect.fail(new EvidenceTooLarge({ message: `The file is larger than ${maxBytes} bytes.`, maxBytes }))

/** Evidence's use cases. */
export class Evidence extends Context.Tag("@coordina/app/Evidence")<
  Evidence,
  Effect.Effect.Success<typeof make>
>() {
  /** The service over the store. */
  static readonly layer = Layer.effect(Evidence, make)
}
