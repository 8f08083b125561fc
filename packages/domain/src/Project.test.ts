import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { isoDate } from "./CalendarDate.js"
import {
  checkExtension,
  elapsedShare,
  extensionMonths,
  maxTotalExtensionMonths,
  NewProject,
  projectEndDate,
} from "./Project.js"

const flagship = {
  startDate: isoDate("2017-12-01"),
  durationMonths: 16,
  extensions: [] as Array<{ months: number }>,
}

describe("project period", () => {
  it("ends on 31 Mar 2019 for the flagship project", () => {
    expect(projectEndDate(flagship)).toBe("2019-03-31")
  })
  it("counts every extension's months", () => {
    expect(projectEndDate({ ...flagship, extensions: [{ months: 6 }] })).toBe("2019-09-30")
    expect(projectEndDate({ ...flagship, extensions: [{ months: 6 }, { months: 3 }] })).toBe("2019-12-31")
  })
  it("measures the elapsed share, clamped to [0, 1]", () => {
    const p = { startDate: isoDate("2018-01-01"), durationMonths: 12, extensions: [] }
    expect(elapsedShare(p, isoDate("2017-06-01"))).toBe(0)
    expect(elapsedShare(p, isoDate("2018-01-01"))).toBeCloseTo(1 / 365)
    expect(elapsedShare(p, isoDate("2018-04-01"))).toBeCloseTo(91 / 365)
    expect(elapsedShare(p, isoDate("2018-12-31"))).toBe(1)
    expect(elapsedShare(p, isoDate("2030-01-01"))).toBe(1)
  })
})

describe("NewProject", () => {
  const decode = Schema.decodeUnknownEither(NewProject)
  it("decodes a valid project", () => {
    const r = decode({
      code: "COORD-MECH-2017",
      title: "Coordination",
      startDate: "2017-12-01",
      durationMonths: 16,
      targets: [{ indicator: "direct", value: 270 }],
    })
    expect(Either.isRight(r)).toBe(true)
  })
  it("refuses a wrong type and a zero duration", () => {
    expect(
      Either.isLeft(
        decode({ code: "X", title: "T", startDate: "2017-12-01", durationMonths: "16", targets: [] }),
      ),
    ).toBe(true)
    expect(
      Either.isLeft(
        decode({ code: "X", title: "T", startDate: "2017-12-01", durationMonths: 0, targets: [] }),
      ),
    ).toBe(true)
  })
})

describe("project extensions", () => {
  const project = (months: ReadonlyArray<number>) => ({
    id: "prj_1",
    extensions: months.map((m) => ({ months: m })),
  })

  it("add at most ten years together", () => {
    expect(maxTotalExtensionMonths).toBe(120)
    expect(Either.isRight(checkExtension(project([60]), { months: 60 }))).toBe(true)
    expect(Either.isRight(checkExtension(project([6, 12, 100]), { months: 2 }))).toBe(true)
    const refused = checkExtension(project([60, 60]), { months: 1 })
    expect(Either.isLeft(refused) && refused.left).toMatchObject({
      _tag: "ProjectExtensionsExceeded",
      projectId: "prj_1",
      maxTotalExtensionMonths: 120,
      extendedMonths: 120,
      requestedMonths: 1,
    })
    expect(Either.isLeft(checkExtension(project([100]), { months: 21 }))).toBe(true)
    expect(extensionMonths(project([6, 12, 100]))).toBe(118)
  })
})
