import { describe, expect, it } from "vitest"
import { auditDiff } from "./auditDiff.js"

describe("auditDiff", () => {
  it("lists every field of a created record as added", () => {
    expect(auditDiff(undefined, { name: "Key", scopes: ["audit:read"] })).toEqual([
      { path: "name", change: "added", after: "Key" },
      { path: "scopes.0", change: "added", after: "audit:read" },
    ])
  })

  it("lists only the fields that changed, by their nested path", () => {
    expect(
      auditDiff(
        { displayName: "Ana", disabled: false, roles: [{ role: "auditor" }], version: 1 },
        {
          displayName: "Ana",
          disabled: true,
          roles: [{ role: "coordinator", projectIds: ["p1"] }],
          version: 2,
        },
      ),
    ).toEqual([
      { path: "disabled", change: "changed", before: "false", after: "true" },
      { path: "roles.0.role", change: "changed", before: "auditor", after: "coordinator" },
      { path: "version", change: "changed", before: "1", after: "2" },
      { path: "roles.0.projectIds.0", change: "added", after: "p1" },
    ])
  })

  it("lists the fields of a deleted record as removed, and a bare value by an empty path", () => {
    expect(auditDiff({ revokedAt: null }, undefined)).toEqual([
      { path: "revokedAt", change: "removed", before: "null" },
    ])
    expect(auditDiff("old", "new")).toEqual([{ path: "", change: "changed", before: "old", after: "new" }])
  })

  it("finds nothing when nothing changed, and keeps empty objects as values", () => {
    expect(auditDiff({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toEqual([])
    expect(auditDiff({ a: {} }, { a: { x: 1 } })).toEqual([
      { path: "a", change: "removed", before: "{}" },
      { path: "a.x", change: "added", after: "1" },
    ])
  })
})
