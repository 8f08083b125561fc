/**
 * Reading a `multipart/form-data` upload of one file as a stream (busboy): the form fields that
 * come before the file, then the file's bytes as they arrive, never the whole body in memory.
 * Limits: one file, a few short fields, and the file cut one byte past `maxBytes` (the storage
 * then refuses it whole), so a hostile body costs bounded memory.
 * @module
 */
import { Readable } from "node:stream"
import type { ReadableStream as NodeReadableStream } from "node:stream/web"
import { Busboy, type BusboyFileStream } from "@fastify/busboy"

/** The file part of an upload and the fields sent before it. */
export interface FilePart {
  readonly fields: Readonly<Record<string, string>>
  readonly fileName: string | undefined
  readonly bytes: AsyncIterable<Uint8Array>
  /** Reads and drops whatever is left of the body, so the connection is not left stalled. */
  readonly drain: () => void
}

/** Why an upload could not be read as one file part. */
export interface MultipartRefusal {
  readonly refused: string
}

/** Bytes of multipart framing allowed around the file (boundaries, part headers, fields). */
export const multipartOverhead = 64 * 1024

const fieldLimits = { fields: 8, fieldSize: 1024, parts: 9, files: 1, headerPairs: 20 }

/**
 * The file part of `request`, named `file`, with the fields sent before it; the parts after it
 * are read and dropped. A body that is not multipart, or holds no file part, is refused.
 */
export const readFilePart = (request: Request, maxBytes: number): Promise<FilePart | MultipartRefusal> => {
  const contentType = request.headers.get("content-type") ?? ""
  if (!/^multipart\/form-data\b/i.test(contentType) || request.body === null)
    return Promise.resolve({ refused: "The body must be multipart/form-data with a part named file." })
  return new Promise((resolve) => {
    const fields: Record<string, string> = {}
    let settled = false
    const settle = (answer: FilePart | MultipartRefusal) => {
      if (settled) return
      settled = true
      resolve(answer)
    }
    let parser: ReturnType<typeof Busboy>
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        limits: { ...fieldLimits, fileSize: maxBytes + 1 },
      })
    } catch (e) {
      settle({ refused: `The multipart body cannot be read: ${(e as Error).message}` })
      return
    }
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>)
    parser.on("field", (name, value) => {
      if (!settled) fields[name] = value
    })
    parser.on("file", (name: string, stream: BusboyFileStream, fileName: string) => {
      if (settled || name !== "file") {
        stream.resume()
        return
      }
      settle({
        fields: { ...fields },
        fileName,
        bytes: stream as AsyncIterable<Uint8Array>,
        drain: () => {
          stream.resume()
          body.resume()
        },
      })
    })
    parser.on("finish", () => settle({ refused: "The multipart body has no part named file." }))
    parser.on("error", (e) =>
      settle({ refused: `The multipart body cannot be read: ${(e as Error).message}` }),
    )
    body.on("error", (e) => parser.destroy(e))
    body.pipe(parser)
  })
}
