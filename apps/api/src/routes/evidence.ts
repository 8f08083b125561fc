/**
 * Evidence files: `POST /v1/events/{id}/evidence` and `POST /v1/activities/{id}/evidence`
 * (multipart upload), `GET` on the same paths (the record's files), and `GET /v1/evidence/{id}`
 * (the file, streamed and checked against its SHA-256). An event's files are guarded like the
 * event (events family), an activity's like the plan (reports family); the file itself is
 * guarded like the reports that list it, and the service checks the attached record's family.
 * @module
 */
import { Evidence } from "@coordina/app"
import {
  EvidenceUploadFields,
  EvidenceUploadInvalid,
  EvidenceTooLarge,
  EvidenceView,
  evidenceMediaTypes,
  type Family,
  toEvidenceView,
} from "@coordina/domain"
import { Cause, Effect, Exit, Option, Schema, Stream } from "effect"
import { type Context, Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { errorProblem } from "../http/Errors.js"
import { multipartOverhead, readFilePart } from "../http/Multipart.js"
import { requires } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"
import { respond } from "../http/Respond.js"
import { params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const EvidenceList = Schema.Struct({ items: Schema.Array(EvidenceView) }).annotations({
  identifier: "EvidenceList",
})
const decodeFields = Schema.decodeUnknownEither(EvidenceUploadFields)
const tags = ["evidence"]

const uploadBody = {
  required: true,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        required: ["file"],
        properties: {
          kind: {
            type: "string" as const,
            enum: ["sign_in_sheet", "agenda", "photo", "other"],
            default: "other",
          },
          file: { type: "string" as const, format: "binary" },
        },
      },
    },
  },
}

const invalid = (message: string) => Effect.fail(new EvidenceUploadInvalid({ message }))

/** Reads the upload's form and hands its file, as it streams, to the service; the rest of the body is dropped. */
const uploadTo = (type: "event" | "activity", maxBytes: number) => async (c: Context<AppEnv>) => {
  const declared = Number(c.req.header("Content-Length") ?? "")
  if (Number.isFinite(declared) && declared > maxBytes + multipartOverhead)
    return sendProblem(
      c,
      errorProblem(new EvidenceTooLarge({ message: `The file is larger than ${maxBytes} bytes.`, maxBytes })),
    )
  const part = await readFilePart(c.req.raw, maxBytes)
  if ("refused" in part) return respond(c, invalid(part.refused), EvidenceView)
  const fields = decodeFields(part.fields)
  try {
    if (fields._tag === "Left")
      return await respond(
        c,
        invalid("kind: one of sign_in_sheet, agenda, photo, other (sent before the file part)"),
        EvidenceView,
      )
    const upload = Effect.flatMap(Evidence, (s) =>
      s.upload(c.var.principal, {
        target: { type, id: c.req.param("id") ?? "" },
        kind: fields.right.kind,
        name: part.fileName,
        bytes: part.bytes,
        maxBytes,
      }),
    )
    return await respond(c, Effect.map(upload, toEvidenceView), EvidenceView, 201)
  } finally {
    part.drain()
  }
}

/** The routes of one kind of record, mounted at `/v1/events` or `/v1/activities`. */
const recordRoutes = (type: "event" | "activity", family: Family, maxBytes: number) =>
  new Hono<AppEnv>()
    .post(
      "/:id/evidence",
      describeRoute({
        tags,
        summary: `Attach an evidence file to an ${type}`,
        description: `A multipart form: \`kind\` (sign_in_sheet, agenda, photo or other; before the file part) and \`file\`. The type is read from the file's content, never its name or declared type: ${evidenceMediaTypes.join(", ")} (415 otherwise); at most ${maxBytes} bytes (413). A refused upload stores nothing. The answer names the SHA-256, which every download is checked against.`,
        requestBody: uploadBody,
        responses: {
          201: jsonResponse(EvidenceView, "The file as kept"),
          ...problems(400, 404, 413, 415),
        },
      }),
      requires(family, "write"),
      params(IdParam),
      uploadTo(type, maxBytes),
    )
    .get(
      "/:id/evidence",
      describeRoute({
        tags,
        summary: `The evidence files of an ${type}`,
        responses: { 200: jsonResponse(EvidenceList, "Oldest first"), ...problems(404) },
      }),
      requires(family, "read"),
      params(IdParam),
      (c) =>
        respond(
          c,
          Evidence.pipe(
            Effect.flatMap((s) => s.list(c.var.principal, { type, id: c.req.valid("param").id })),
            Effect.map((items) => ({ items: items.map(toEvidenceView) })),
          ),
          EvidenceList,
        ),
    )

/** `/v1/evidence/{id}`: one file. */
const fileRoutes = new Hono<AppEnv>().get(
  "/:id",
  describeRoute({
    tags,
    summary: "An evidence file",
    description:
      "Streams the stored bytes; their SHA-256 is in `Repr-Digest` and checked as they stream (a file altered in storage breaks off instead of arriving). Every download is in the audit log. An event's file also needs the right to read events.",
    responses: { 200: { description: "The file" }, ...problems(404) },
  }),
  requires("reports", "read"),
  params(IdParam),
  async (c) => {
    const exit = await c.var.runtime.runPromiseExit(
      Evidence.pipe(Effect.flatMap((s) => s.download(c.var.principal, c.req.valid("param").id))),
    )
    if (Exit.isFailure(exit)) {
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure)) return sendProblem(c, errorProblem(failure.value))
      console.error(Cause.pretty(exit.cause))
      return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
    }
    const { record, stream } = exit.value
    const body = Stream.toReadableStreamRuntime(stream, await c.var.runtime.runtime())
    return new Response(body, {
      headers: {
        "Content-Type": record.mediaType,
        "Content-Length": String(record.size),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}`,
        "Repr-Digest": `sha-256=:${Buffer.from(record.sha256, "hex").toString("base64")}:`,
        ETag: `"${record.sha256}"`,
        "Cache-Control": "private, max-age=0",
        "X-Content-Type-Options": "nosniff",
      },
    })
  },
)

/** Evidence's routes with the size limit (`COORDINA_EVIDENCE_LIMIT`), to mount under `/v1`. */
export const evidenceRoutes = (maxBytes: number) => ({
  events: recordRoutes("event", "events", maxBytes),
  activities: recordRoutes("activity", "reports", maxBytes),
  files: fileRoutes,
})
