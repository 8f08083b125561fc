import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { chapterProblems, ManualChapters, manualTitleProblems } from "./Manual.js"

describe("Manual", () => {
  it("needs a title in some language for the manual and each chapter, and no id twice in a chapter", () => {
    expect(manualTitleProblems({ bg: " " })).toEqual([{ path: "title", message: expect.any(String) }])
    expect(manualTitleProblems({ en: "Manual" })).toEqual([])
    const chapters = Schema.decodeUnknownSync(ManualChapters)({
      chapters: [
        { title: { bg: "Въведение" }, recommendationIds: [], practiceIds: ["pra_1", "pra_2"] },
        { title: {}, recommendationIds: ["rec_1", "rec_1"], practiceIds: [] },
      ],
    })
    expect(chapterProblems(chapters).map((p) => p.path)).toEqual([
      "chapters.1.title",
      "chapters.1.recommendationIds.1",
    ])
  })
})
