import { describe, expect, it } from "vitest"
import { reportActions } from "./Report.js"

describe("reportActions", () => {
  it("offers submission of a ready version to a caller who may write reports", () => {
    expect(reportActions({ status: "ready" }, true)).toEqual(["submit"])
  })
  it("offers nothing before the files are ready, or to a reader", () => {
    for (const status of ["queued", "running", "failed"] as const)
      expect(reportActions({ status }, true)).toEqual([])
    expect(reportActions({ status: "ready" }, false)).toEqual([])
  })
  it("offers nothing once the version is submitted: a submitted version never changes", () => {
    expect(reportActions({ status: "ready", submittedAt: "2018-07-10T09:00:00.000Z" }, true)).toEqual([])
  })
})
