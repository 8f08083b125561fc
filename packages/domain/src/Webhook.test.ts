import { describe, expect, it } from "vitest"
import { webhookUrlProblem } from "./Webhook.js"

describe("webhookUrlProblem", () => {
  it.each([
    "https://hooks.example.org/coordina",
    "http://93.184.216.34/x",
    "https://[2001:db8::1]/x",
    "https://172.32.0.1/",
  ])("accepts %s", (url) => expect(webhookUrlProblem(url, false)).toBeUndefined())

  it.each([
    "ftp://example.org/",
    "file:///etc/passwd",
    "not a url",
    "https://user:pw@example.org/",
    "http://127.0.0.1/",
    "http://127.8.9.1:8080/",
    "http://0.0.0.0/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://localhost:3000/",
  ])("refuses %s", (url) => expect(webhookUrlProblem(url, false)).toBeDefined())

  it("allows private addresses behind the flag, but never another scheme", () => {
    expect(webhookUrlProblem("http://127.0.0.1:9000/hook", true)).toBeUndefined()
    expect(webhookUrlProblem("ftp://127.0.0.1/", true)).toBeDefined()
  })
})
