/**
 * Reading a file upload (a sign-in sheet) into one buffer, straight from Node's request stream
 * when the server is Node's: no Web-stream copies on the way, so a 20 MB upload costs about
 * 20 MB. The size limit is checked from `Content-Length` first and again while reading.
 * @module
 */
import type { IncomingMessage } from "node:http"
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { httpProblem, sendProblem } from "./Problem.js"

const tooLarge = (maxBytes: number) => httpProblem(413, `The body is larger than ${maxBytes} bytes.`)

/** Reads `incoming` whole into a buffer of at most `maxBytes`; `undefined` when it is larger. */
const readIncoming = async (incoming: IncomingMessage, declared: number, maxBytes: number) => {
  let buffer = Buffer.allocUnsafe(declared > 0 ? declared : 64 * 1024)
  let size = 0
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) return undefined
    if (size + chunk.length > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(size + chunk.length, buffer.length * 2)))
      buffer.copy(grown, 0, 0, size)
      buffer = grown
    }
    chunk.copy(buffer, size)
    size += chunk.length
  }
  return buffer.subarray(0, size)
}

/**
 * Reads the body of an upload of at most `maxBytes` (413 beyond) and leaves it where
 * `c.req.arrayBuffer()` finds it. Outside Node's server (tests calling `app.request`) the body
 * is read the ordinary way.
 */
export const upload =
  (maxBytes: number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const declared = Number(c.req.header("Content-Length") ?? "")
    if (Number.isFinite(declared) && declared > maxBytes) return sendProblem(c, tooLarge(maxBytes))
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    // A body something before has read already (the input gate reads JSON) is taken from Hono.
    const unread = incoming !== undefined && Object.keys(c.req.bodyCache).length === 0
    const bytes = unread
      ? await readIncoming(incoming, Number.isFinite(declared) ? declared : 0, maxBytes)
      : new Uint8Array(await c.req.arrayBuffer())
    if (!bytes || bytes.length > maxBytes)
      return sendProblem(c, tooLarge(maxBytes))
      // Hono keeps a body it has read in `bodyCache` (as a promise, whatever its type says);
      // every later reader of this request gets it there.
    ;(c.req.bodyCache as Record<string, Promise<ArrayBuffer>>).arrayBuffer = Promise.resolve(
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
    )
    return next()
  }
