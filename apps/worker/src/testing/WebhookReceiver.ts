/**
 * A webhook receiver for tests: a real HTTP server on a free loopback port that checks every
 * signature with its own implementation of the Standard Webhooks scheme, written here from the
 * specification (not the signing code under test), and answers as the test tells it.
 * @module
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

/** One request the receiver got. */
export interface Received {
  readonly id: string
  readonly timestamp: string
  readonly body: string
  readonly signatureValid: boolean
  readonly status: number
}

/**
 * Whether `signature` (a space-separated list of `v1,<base64>`) holds a valid HMAC-SHA256 of
 * `<id>.<timestamp>.<body>`, keyed by the base64-decoded secret after `whsec_`.
 */
export const verifyStandardWebhook = (
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
): boolean => {
  const id = headers["webhook-id"]
  const timestamp = headers["webhook-timestamp"]
  const signature = headers["webhook-signature"]
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signature !== "string") return false
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64")
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest()
  return signature.split(" ").some((part) => {
    const [version, value] = part.split(",")
    if (version !== "v1" || !value) return false
    const given = Buffer.from(value, "base64")
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

/** Starts a receiver; `answer` chooses each response's status from the request. */
export const startReceiver = async (
  secret: string,
  answer: (id: string, tryNumber: number) => number = () => 204,
) => {
  const received: Array<Received> = []
  const tries = new Map<string, number>()
  const server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      const id = String(req.headers["webhook-id"] ?? "")
      const n = (tries.get(id) ?? 0) + 1
      tries.set(id, n)
      const status = answer(id, n)
      received.push({
        id,
        timestamp: String(req.headers["webhook-timestamp"] ?? ""),
        body,
        signatureValid: verifyStandardWebhook(secret, req.headers, body),
        status,
      })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
