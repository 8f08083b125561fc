import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { isoDate } from "../CalendarDate.js"
import { readHeader, sheetColumns } from "./Header.js"
import { readRows } from "./Rows.js"
import { exampleMarker, sheetTemplate } from "./Template.js"

const context = {
  event: { startDate: isoDate("2026-03-02"), endDate: isoDate("2026-03-02") },
  institutions: [{ id: "ins_1", name: "Столична община" }],
}

describe.each(["bg", "en"] as const)("the sign-in sheet template in %s", (language) => {
  const template = sheetTemplate(language)
  const header = template.columns.map((c) => c.name)

  it("has exactly the columns the reader wants, in its order", () => {
    expect(header).toEqual([...sheetColumns])
    expect(Either.isRight(readHeader(header))).toBe(true)
    expect(template.columns.find((c) => c.name === "role")?.allowed).toEqual([
      "participant",
      "speaker",
      "trainer",
      "organiser",
    ])
  })

  it("is refused as it was downloaded: its example row is named, no person is read", () => {
    const read = readRows({ header, rows: [template.example, template.allowedRow] }, context)
    expect(Either.isLeft(read) && read.left.map((e) => [e.row, e.column])).toEqual([
      [2, "given_name"],
      [3, "given_name"],
    ])
    expect(Either.isLeft(read) && read.left[0]!.message).toMatch(/example row/)
  })

  it("reads its example row once the marker is gone, so every example value is one the reader allows", () => {
    const row = template.example.map((cell, i) =>
      i === 0
        ? cell
            .replace(exampleMarker, "")
            .replace(/\(.*\)/, "")
            .trim()
        : cell,
    )
    const read = readRows({ header, rows: [row] }, context)
    expect(Either.isRight(read) && read.right.map((r) => [r.institutionId, r.role, r.days])).toEqual([
      ["ins_1", "participant", ["2026-03-02"]],
    ])
  })
})
