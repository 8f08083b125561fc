/**
 * Evidence: the files attached to a project's events and activities (sign-in sheet scans,
 * agendas, photos) that a funder checks a report against. A file's type is what its bytes say
 * (its magic number), never its name or the type a client declares; only the types below are
 * kept, and only up to a size limit. Each file keeps its SHA-256, checked again on every read.
 * @module
 */
import { Schema } from "effect"
import type { IsoDate } from "./CalendarDate.js"

/** Opaque identifier of an evidence file. */
export const EvidenceId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.brand("EvidenceId"),
  Schema.annotations({ identifier: "EvidenceId" }),
)
/** Opaque identifier of an evidence file. */
export type EvidenceId = typeof EvidenceId.Type

/** What a file shows. */
export const EvidenceKind = Schema.Literal("sign_in_sheet", "agenda", "photo", "other").annotations({
  identifier: "EvidenceKind",
})
/** What a file shows. */
export type EvidenceKind = typeof EvidenceKind.Type

/** The record a file is attached to: an event or an activity of the plan. */
export const EvidenceTarget = Schema.Struct({
  type: Schema.Literal("event", "activity"),
  id: Schema.String,
}).annotations({ identifier: "EvidenceTarget" })
/** The record a file is attached to. */
export type EvidenceTarget = typeof EvidenceTarget.Type

/**
 * The media types evidence may have, as detected from the bytes: scans and documents as PDF,
 * photos and scans as JPEG, PNG, TIFF, WebP or HEIC. Office documents are left out: their
 * containers (ZIP) cannot be told apart from any other archive without reading them whole.
 */
export const evidenceMediaTypes = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/tiff",
  "image/webp",
  "image/heic",
] as const

/** A media type evidence may have. */
export type EvidenceMediaType = (typeof evidenceMediaTypes)[number]

/** Whether a detected media type (or none) may be kept as evidence. */
export const isEvidenceMediaType = (detected: string | undefined): detected is EvidenceMediaType =>
  detected !== undefined && (evidenceMediaTypes as ReadonlyArray<string>).includes(detected)

/** The largest evidence file kept by default: 25 MiB, room for a multi-page scan at 300 dpi. */
export const defaultEvidenceLimitBytes = 25 * 1024 * 1024

/** The longest file name kept; a longer one is cut (its extension kept). */
export const maxEvidenceNameLength = 200

/**
 * The name a file is listed under: the client's name without any directory part or control
 * characters, at most {@link maxEvidenceNameLength} characters, `file` when nothing is left.
 */
export const evidenceFileName = (sent: string | undefined): string => {
  const base = (sent ?? "").split(/[/\\]/).pop() ?? ""
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim()
  if (clean === "") return "file"
  if (clean.length <= maxEvidenceNameLength) return clean
  const dot = clean.lastIndexOf(".")
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ""
  return clean.slice(0, maxEvidenceNameLength - extension.length) + extension
}

/** `event:<id>` or `activity:<id>`, as reports list it. */
export const attachedToOf = (target: EvidenceTarget): string => `${target.type}:${target.id}`

/** An evidence file as kept: its record, its file and who attached it when. */
export class Evidence extends Schema.Class<Evidence>("Evidence")({
  id: EvidenceId,
  projectId: Schema.String,
  attachedTo: EvidenceTarget,
  kind: EvidenceKind,
  name: Schema.String,
  mediaType: Schema.String.annotations({ description: "As detected from the bytes" }),
  size: Schema.Int.pipe(Schema.greaterThanOrEqualTo(0)),
  sha256: Schema.String.annotations({ description: "Hex SHA-256 of the bytes, checked on every read" }),
  fileId: Schema.String,
  uploadedBy: Schema.String,
  uploadedAt: Schema.String.annotations({ description: "ISO 8601 UTC" }),
}) {}

/** Evidence as the API answers it (the storage's file id stays inside). */
export const EvidenceView = Schema.Struct({
  id: Schema.String,
  projectId: Schema.String,
  attachedTo: Schema.String.annotations({ description: "event:<id> or activity:<id>" }),
  kind: EvidenceKind,
  name: Schema.String,
  mediaType: Schema.String,
  size: Schema.Int,
  sha256: Schema.String,
  uploadedBy: Schema.String,
  uploadedAt: Schema.String,
}).annotations({ identifier: "Evidence" })
/** Evidence as the API answers it. */
export type EvidenceView = typeof EvidenceView.Type

/** The API's view of a kept file. */
export const toEvidenceView = (e: Evidence): EvidenceView => ({
  id: e.id,
  projectId: e.projectId,
  attachedTo: attachedToOf(e.attachedTo),
  kind: e.kind,
  name: e.name,
  mediaType: e.mediaType,
  size: e.size,
  sha256: e.sha256,
  uploadedBy: e.uploadedBy,
  uploadedAt: e.uploadedAt,
})

/** The fields of an upload besides the file. */
export const EvidenceUploadFields = Schema.Struct({
  kind: Schema.optionalWith(EvidenceKind, { default: () => "other" as const }),
}).annotations({ identifier: "EvidenceUploadFields" })

/**
 * Whether a file belongs in a report of the period: attached to an event that starts in it, or
 * to an activity whose dates (actual where known, else planned) meet it.
 */
export const evidenceInPeriod = (
  e: Pick<Evidence, "attachedTo">,
  period: { readonly start: IsoDate; readonly end: IsoDate },
  eventStart: (id: string) => IsoDate | undefined,
  activityDates: (id: string) => { readonly start: IsoDate; readonly end: IsoDate } | undefined,
): boolean => {
  if (e.attachedTo.type === "event") {
    const start = eventStart(e.attachedTo.id)
    return start !== undefined && start >= period.start && start <= period.end
  }
  const dates = activityDates(e.attachedTo.id)
  return dates !== undefined && dates.start <= period.end && dates.end >= period.start
}

/** No evidence file with that id, or not one the caller may see. */
export class EvidenceNotFound extends Schema.TaggedError<EvidenceNotFound>()("EvidenceNotFound", {
  evidenceId: Schema.String,
}) {}

/** The file is larger than the limit; nothing was stored. */
export class EvidenceTooLarge extends Schema.TaggedError<EvidenceTooLarge>()("EvidenceTooLarge", {
  message: Schema.String,
  maxBytes: Schema.Int,
}) {}

/** The file's bytes are not of an allowed type (whatever its name says); nothing was stored. */
export class EvidenceTypeNotAllowed extends Schema.TaggedError<EvidenceTypeNotAllowed>()(
  "EvidenceTypeNotAllowed",
  {
    message: Schema.String,
    detected: Schema.optional(Schema.String),
    allowed: Schema.Array(Schema.String),
  },
) {}

/** The upload is not a multipart form with one file part; nothing was stored. */
export class EvidenceUploadInvalid extends Schema.TaggedError<EvidenceUploadInvalid>()(
  "EvidenceUploadInvalid",
  { message: Schema.String },
) {}
