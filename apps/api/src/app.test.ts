import { Validator } from "@seriousme/openapi-schema-validator"
import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "./testing/TestApp.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("the API's cross-cutting behaviour", () => {
  let api: TestApp
  beforeAll(async () => {
    api = await startTestApp(sqlite, { bodyLimitBytes: 2048 })
  })
  afterAll(() => api.dispose())

  it("answers /health once the database answers", async () => {
    const res = await api.request("GET", "/health", undefined, { Authorization: "" })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: "ok" })
  })

  it("refuses a request without a token with 401 problem+json", async () => {
    const res = await api.request("GET", "/v1/projects", undefined, { Authorization: "" })
    expect(res.status).toBe(401)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
    expect(res.headers.get("www-authenticate")).toContain("Bearer")
    expect(await res.json()).toMatchObject({ status: 401, type: "about:blank" })
  })

  it("refuses a wrong token with 401", async () => {
    const res = await api.request("GET", "/v1/projects", undefined, { Authorization: "Bearer wrong" })
    expect(res.status).toBe(401)
  })

  it("answers a method the path does not support with 405 and Allow", async () => {
    const res = await api.request("DELETE", "/v1/projects")
    expect(res.status).toBe(405)
    expect(res.headers.get("allow")).toContain("GET")
    expect(res.headers.get("content-type")).toContain("application/problem+json")
  })

  it("answers an unknown path with 404 problem+json", async () => {
    const res = await api.request("GET", "/v1/nothing-here")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
  })

  it("refuses a body over the limit with 413", async () => {
    const res = await api.request("POST", "/v1/projects", { title: "x".repeat(5000) })
    expect(res.status).toBe(413)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
  })

  it("sends security headers", async () => {
    const res = await api.request("GET", "/health")
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'")
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
  })

  it("publishes an OpenAPI 3.1 document that is valid against the OpenAPI 3.1 schema", async () => {
    const res = await api.request("GET", "/openapi.json")
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      paths: Record<string, unknown>
      components: { schemas: Record<string, unknown> }
    }
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/projects", "/v1/projects/{id}", "/health"]),
    )
    expect(doc.components.schemas).toHaveProperty("NewProject")
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it("serves interactive docs", async () => {
    const res = await api.request("GET", "/docs")
    expect(res.status).toBe(200)
    expect(await res.text()).toContain("swagger-ui")
    expect((await api.request("GET", "/docs/assets/swagger-ui-bundle.js")).status).toBe(200)
    // A token pasted into the docs is not kept in localStorage.
    const init = await (await api.request("GET", "/docs/init.js")).text()
    expect(init).toContain("persistAuthorization: false")
  })
})
