/**
 * Standard Webhooks signing: `v1,` + base64 HMAC-SHA256 over `<id>.<timestamp>.<body>`, keyed by
 * the base64-decoded part of the secret after `whsec_`.
 * @module
 */
import { createHmac, randomBytes } from "node:crypto"

const secretPrefix = "whsec_"

/** A new endpoint secret: `whsec_` + base64 of 24 random bytes. */
export const newWebhookSecret = (): string => secretPrefix + randomBytes(24).toString("base64")

/** The `webhook-signature` header value of one message. */
export const webhookSignature = (secret: string, id: string, timestamp: number, body: string): string => {
  const key = Buffer.from(
    secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret,
    "base64",
  )
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`
}
