/**
 * The downloadable sign-in sheet template: the columns, the values each enumerated column
 * allows and one example row, all from the definitions the reader checks sheets against, so
 * the template can never disagree with it. The example row is marked (its given name begins
 * with {@link exampleMarker}, as does the row of allowed values) and the reader refuses it by name, so a template uploaded back
 * as it was downloaded imports no fake person.
 * @module
 */
import { ParticipationRole } from "../Participation.js"
import { Gender } from "../Person.js"
import { type SheetColumn, sheetColumns } from "./Header.js"

/** How the template's example row begins: a real given name never starts with it. */
export const exampleMarker = "#"

/** Whether a row's given name marks it as the template's example row. */
export const isExampleRow = (givenName: string): boolean => givenName.trim().startsWith(exampleMarker)

/** The languages the template's notes come in. */
export type TemplateLanguage = "bg" | "en"

/** One column of the template: its name, the values it allows (when enumerated) and a note. */
export interface TemplateColumn {
  readonly name: SheetColumn
  /** Absent for a free-text column. */
  readonly allowed?: ReadonlyArray<string>
  readonly required: boolean
  readonly note: string
}

/**
 * The template: its columns, in the reader's order, its example row and a row listing the
 * allowed values (for a CSV, which has no validation lists), cells in the columns' order. Both
 * rows are marked, so the reader refuses them.
 */
export interface SheetTemplate {
  readonly columns: ReadonlyArray<TemplateColumn>
  readonly example: ReadonlyArray<string>
  readonly allowedRow: ReadonlyArray<string>
}

const allowedTitle: Record<TemplateLanguage, string> = {
  en: `${exampleMarker} Allowed values (delete this row)`,
  bg: `${exampleMarker} Допустими стойности (изтрийте този ред)`,
}

const notes: Record<TemplateLanguage, Record<SheetColumn, string>> = {
  en: {
    given_name: "Required.",
    family_name: "Required.",
    email: "Optional; matches the person on file first.",
    gender: "Optional.",
    institution_id: "The institution's id, or leave blank and write its name.",
    institution_name: "The institution's name, as on file (Cyrillic or Latin).",
    role: "Optional; blank means participant. Only participants count toward reach.",
    days: 'Days attended: "all", or dates YYYY-MM-DD joined by ";".',
  },
  bg: {
    given_name: "Задължително.",
    family_name: "Задължително.",
    email: "По избор; лицето се търси първо по него.",
    gender: "По избор.",
    institution_id: "Идентификаторът на институцията или оставете празно и напишете името ѝ.",
    institution_name: "Името на институцията, както е въведено (на кирилица или латиница).",
    role: "По избор; празно означава participant. В обхвата се отчитат само участниците.",
    days: 'Дни присъствие: "all" или дати ГГГГ-ММ-ДД, разделени с ";".',
  },
}

const allowedValues: Partial<Record<SheetColumn, ReadonlyArray<string>>> = {
  gender: Gender.literals,
  role: ParticipationRole.literals,
}

const exampleRows: Record<TemplateLanguage, Record<SheetColumn, string>> = {
  en: {
    given_name: `${exampleMarker} Example (delete this row)`,
    family_name: "Petrova",
    email: "maria.petrova@example.bg",
    gender: Gender.literals[0]!,
    institution_id: "",
    institution_name: "Столична община",
    role: "participant",
    days: "all",
  },
  bg: {
    given_name: `${exampleMarker} Пример (изтрийте този ред)`,
    family_name: "Петрова",
    email: "maria.petrova@example.bg",
    gender: Gender.literals[0]!,
    institution_id: "",
    institution_name: "Столична община",
    role: "participant",
    days: "all",
  },
}

/** The template in a language: the notes are translated, the column names and values never are. */
export const sheetTemplate = (language: TemplateLanguage): SheetTemplate => ({
  columns: sheetColumns.map((name) => {
    const allowed = allowedValues[name]
    return {
      name,
      ...(allowed ? { allowed } : {}),
      required: name === "given_name" || name === "family_name" || name === "days",
      note: notes[language][name],
    }
  }),
  example: sheetColumns.map((name) => exampleRows[language][name]),
  allowedRow: sheetColumns.map((name) =>
    name === "given_name"
      ? allowedTitle[language]
      : name === "days"
        ? "all | YYYY-MM-DD;YYYY-MM-DD"
        : (allowedValues[name]?.join(" | ") ?? ""),
  ),
})
