/**
 * Reading a file upload (a sign-in sheet) into one buffer, straight from Node's request stream
 * when the server is Node's: no Web-stream copies on the way, so a 20 MB upload costs about
 * 20 MB. The size limit is checked from `Content-Length` first and again while reading.
 * @module
 */
import type { IncomingMessage } from "node:http"
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { type ApiError, errorProblem } from "./Errors.js"
import { httpProblem, sendProblem } from "./Problem.js"

const tooLarge = (maxBytes: number) => httpProblem(413, `The body is larger than ${maxBytes} bytes.`)

/**
 * Looks at each piece of an upload as it arrives; a problem it answers refuses the upload at
 * once, without reading the rest.
 */
export type UploadWatch = (chunk: Uint8Array) => ApiError | undefined

/**
 * Reads `incoming` whole into a buffer of at most `maxBytes`: `undefined` when it is larger, or
 * the problem `watch` found. Once refused, the rest is read and dropped (leaving it unread would
 * stall the connection), so a refusal costs no more memory.
 */
const readIncoming = async (
  incoming: IncomingMessage,
  declared: number,
  maxBytes: number,
  watch?: UploadWatch,
) => {
  let buffer = Buffer.allocUnsafe(declared > 0 ? declared : 64 * 1024)
  let size = 0
  let refused: ApiError | "too large" | undefined
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    if (refused !== undefined) continue
    if (size + chunk.length > maxBytes) {
      refused = "too large"
      continue
    }
    refused = watch?.(chunk)
    if (refused !== undefined) continue
    if (size + chunk.length > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(size + chunk.length, buffer.length * 2)))
      buffer.copy(grown, 0, 0, size)
      buffer = grown
    }
    chunk.copy(buffer, size)
    size += chunk.length
  }
  if (refused === "too large") return undefined
  return refused ?? buffer.subarray(0, size)
}

/**
 * Leaves `bytes` where Hono keeps a body it has read (`bodyCache`, which holds promises whatever
 * its type says), so every later reader of the request gets them there.
 */
const keepBody = (cache: object, bytes: Uint8Array) => {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  ;(cache as Record<string, Promise<ArrayBuffer>>).arrayBuffer = Promise.resolve(
    (whole
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer,
  )
}

/**
 * Reads the body of an upload of at most `maxBytes` (413 beyond) and leaves it where
 * `c.req.arrayBuffer()` finds it. Outside Node's server (tests calling `app.request`) the body
 * is read the ordinary way.
 */
export const upload =
  (maxBytes: number, watchOf?: () => UploadWatch): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const declared = Number(c.req.header("Content-Length") ?? "")
    if (Number.isFinite(declared) && declared > maxBytes) return sendProblem(c, tooLarge(maxBytes))
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    // A body something before has read already (the input gate reads JSON) is taken from Hono.
    const unread = incoming !== undefined && Object.keys(c.req.bodyCache).length === 0
    const bytes = unread
      ? await readIncoming(incoming, Number.isFinite(declared) ? declared : 0, maxBytes, watchOf?.())
      : new Uint8Array(await c.req.arrayBuffer())
    if (!bytes || (bytes instanceof Uint8Array && bytes.length > maxBytes))
      return sendProblem(c, tooLarge(maxBytes))
    if (!(bytes instanceof Uint8Array)) return sendProblem(c, errorProblem(bytes))
    keepBody(c.req.bodyCache, bytes)
    return next()
  }
