import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { newWebhookSecret, webhookSignature } from "./WebhookSignature.js"

describe("webhookSignature", () => {
  it("signs as the Standard Webhooks specification's published example", () => {
    // The example of the specification's reference libraries (standard-webhooks, webhook_test).
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    const id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    const body = '{"test": 2432232314}'
    expect(webhookSignature(secret, id, 1614265330, body)).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    )
  })

  it("agrees with an independent HMAC over id.timestamp.body keyed by the decoded secret", () => {
    const secret = newWebhookSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    const key = Buffer.from(secret.slice(6), "base64")
    expect(key.length).toBe(24)
    const expected = createHmac("sha256", key).update("msg_1.1700000000.{}").digest("base64")
    expect(webhookSignature(secret, "msg_1", 1700000000, "{}")).toBe(`v1,${expected}`)
    expect(webhookSignature(secret, "msg_1", 1700000001, "{}")).not.toBe(`v1,${expected}`)
  })
})
