import { errorTags } from "@coordina/api"
import { isoDate, readHeader, readRows, sheetColumns } from "@coordina/domain"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { failureText, isKnownMessage, problemMessage, translateMessage } from "../ui/problemText.js"
import { problemsBg, problemsEn } from "./problems.js"

const languages = { en: problemsEn, bg: problemsBg } as const

describe("problem messages", () => {
  it("has a message in both languages for every error tag of the API's exhaustive map", () => {
    expect(errorTags.length).toBeGreaterThan(40)
    for (const [language, texts] of Object.entries(languages)) {
      const missing = errorTags.filter((tag) => !(tag in texts.codes))
      expect(missing, `${language} has no message for`).toEqual([])
    }
  })

  it("has no message for a code the API cannot send", () => {
    const known = new Set<string>(errorTags)
    expect(Object.keys(problemsEn.codes).filter((c) => !known.has(c))).toEqual([])
    expect(Object.keys(problemsBg.codes).sort()).toEqual(Object.keys(problemsEn.codes).sort())
  })

  it("words each code differently in Bulgarian and English, with the problem's details", () => {
    for (const tag of errorTags) {
      const ext = { date: "2026-01-31", code: "P-1", earliest: "2026-01-02", maximum: 10, limit: "rows" }
      const en = problemMessage(409, tag, ext, problemsEn)
      const bg = problemMessage(409, tag, ext, problemsBg)
      expect(en).not.toEqual(bg)
      expect(bg).toMatch(/[а-я]/)
    }
    expect(problemMessage(422, "NoProcedureInForce", { date: "2010-01-01" }, problemsBg)).toContain(
      "2010-01-01",
    )
  })

  it("falls back to the status, and names a validation problem", () => {
    expect(problemMessage(403, undefined, {}, problemsBg)).toBe(problemsBg.status[403])
    expect(problemMessage(400, undefined, {}, problemsEn, "urn:coordina:problem:validation")).toBe(
      problemsEn.validation,
    )
    expect(problemMessage(0, undefined, {}, problemsBg)).toBe(problemsBg.network)
  })

  it("words a field's failure with the field's name, not its path", () => {
    expect(failureText({ path: "endDate", message: "endDate is before startDate" }, problemsBg)).toEqual({
      where: "крайна дата",
      message: "крайна дата е преди начална дата",
    })
    expect(failureText({ path: "targets.0.value", message: "is missing" }, problemsEn)).toEqual({
      where: "value",
      message: "is required",
    })
  })

  it("translates the row errors of a sign-in sheet", () => {
    const rows = [
      'Write the days attended: "all" or dates YYYY-MM-DD joined by ";".',
      '"2026-13-01" is not a date written YYYY-MM-DD.',
      "2026-03-04 is not a day of the event (2026-03-01 to 2026-03-02).",
      'No institution has the id "ins_x".',
      "Name the institution: institution_id or institution_name.",
      'No institution is called "Община Х".',
      '2 institutions are called "Община"; use institution_id.',
      '"x" is in a column without a header.',
      "The given name is required.",
      "The family name is required.",
      '"maybe" is not one of participant, speaker, trainer, organiser.',
      "The same person as row 2; list each person once.",
      "The same person as row 3 (on file as per_1); list each person once.",
      "The sheet has no rows.",
      'This is one of the template\'s example rows (its given name begins with "#"); delete it before uploading the sheet.',
      'Unknown column "foo"; the columns are given_name, family_name.',
      "The column email appears twice.",
      "The column given_name is missing.",
      "The body is empty: send the sheet as CSV or XLSX.",
      "The file is a PDF document, not a sheet. Send CSV (UTF-8 or Windows-1251) or XLSX.",
      "The CSV could not be read near line 3: Invalid Closing Quote",
      "The file is a ZIP archive but not an XLSX workbook that can be read.",
    ]
    for (const message of rows) {
      expect(isKnownMessage(message), message).toBe(true)
      expect(translateMessage(message, problemsBg), message).toMatch(/[а-я]/)
    }
    expect(
      failureText({ row: 4, column: "given_name", message: "The given name is required." }, problemsBg),
    ).toEqual({
      where: "Ред 4, собствено име",
      message: "собствено име е задължително поле",
    })
  })

  it("translates every error the domain finds in sheets, header and rows alike", () => {
    const context = {
      event: { startDate: isoDate("2018-03-01"), endDate: isoDate("2018-03-02") },
      institutions: [
        { id: "ins_1", name: "Община Х" },
        { id: "ins_2", name: "Община" },
        { id: "ins_3", name: "Община" },
      ],
    }
    const header = [...sheetColumns]
    const cell = (values: Partial<Record<(typeof sheetColumns)[number], string>>) =>
      sheetColumns.map((c) => values[c] ?? "")
    const rows = [
      cell({ given_name: "", family_name: "", institution_id: "ins_1", role: "participant", days: "all" }),
      cell({ given_name: "А", family_name: "Б", institution_id: "ins_x", role: "participant", days: "" }),
      cell({ given_name: "В", family_name: "Г", institution_name: "Нищо", role: "boss", days: "2018-13-01" }),
      cell({
        given_name: "Д",
        family_name: "Е",
        institution_name: "Община",
        role: "participant",
        days: "2018-03-09",
      }),
      cell({ given_name: "Ж", family_name: "З", role: "participant", days: "all", email: "not-an-email" }),
      cell({ given_name: "И", family_name: "Й", institution_id: "ins_1", role: "participant", days: "all" }),
      cell({ given_name: "И", family_name: "Й", institution_id: "ins_1", role: "participant", days: "all" }),
      cell({ given_name: "# Пример", family_name: "Й", institution_id: "ins_1", days: "all" }),
    ]
    const read = readRows({ header, rows }, context)
    const headerErrors = readHeader(["given_name", "given_name", "whatever"])
    const errors = [
      ...(Either.isLeft(read) ? read.left : []),
      ...(Either.isLeft(headerErrors) ? headerErrors.left : []),
    ]
    expect(errors.length).toBeGreaterThan(10)
    const untranslated = errors.map((e) => e.message).filter((m) => !isKnownMessage(m))
    expect(untranslated).toEqual([])
    for (const e of errors) expect(translateMessage(e.message, problemsBg)).not.toBe(e.message)
  })
})
