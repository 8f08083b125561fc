import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { type IsoDate, isoDate } from "../CalendarDate.js"
import type { ParticipationRole } from "../Participation.js"
import type { Gender } from "../Person.js"
import {
  candidateKeys,
  type ImportPlan,
  ImportPlanner,
  institutionReferences,
  type KnownParticipation,
  type KnownPerson,
  planImport,
  readHeader,
  readRows,
  type SheetContext,
  sheetColumns,
  type SheetRow,
  SheetRowReader,
  summarisePlan,
} from "./index.js"

const header = [...sheetColumns]
const m1 = { id: "ins_m1", name: "Столична община" }
const n1 = { id: "ins_n1", name: "Фондация Пример" }
const f1 = { id: "ins_f1", name: "Integrationsamt Beispiel" }
const oneDay: SheetContext = {
  event: { startDate: isoDate("2018-03-01"), endDate: isoDate("2018-03-01") },
  institutions: [m1, n1, f1],
}
const twoDays: SheetContext = {
  ...oneDay,
  event: { startDate: isoDate("2018-05-10"), endDate: isoDate("2018-05-11") },
}

/** A row in the template's column order. */
const row = (
  given: string,
  family: string,
  email: string,
  gender: string,
  institutionId: string,
  institutionName: string,
  role: string,
  days: string,
) => [given, family, email, gender, institutionId, institutionName, role, days]

const rows = (context: SheetContext, ...cells: ReadonlyArray<ReadonlyArray<string>>) => {
  const read = readRows({ header, rows: cells }, context)
  if (Either.isLeft(read)) throw new Error(JSON.stringify(read.left))
  return read.right
}

const errorsOf = (context: SheetContext, ...cells: ReadonlyArray<ReadonlyArray<string>>) => {
  const read = readRows({ header, rows: cells }, context)
  if (Either.isRight(read)) throw new Error("expected errors")
  return read.left.map((e) => ({ row: e.row, column: e.column, message: e.message }))
}

describe("readHeader", () => {
  it("takes the columns in any order, any case, with stray spaces, a BOM and blank trailing cells", () => {
    const shuffled = [
      "\uFEFF Days",
      "ROLE",
      "institution name",
      "Institution_ID",
      " gender ",
      "email",
      "Family-Name",
      "given_name",
      "",
      " ",
    ]
    const read = readHeader(shuffled)
    expect(read).toEqual(
      Either.right(expect.objectContaining({ days: 0, role: 1, institution_name: 2, given_name: 7 })),
    )
  })

  it("names every missing, unknown and repeated column", () => {
    const read = readHeader([
      "given_name",
      "family_name",
      "e-mail",
      "gender",
      "institution_id",
      "role",
      "days",
      "days",
    ])
    expect(
      Either.getLeft(read).pipe((o) => o._tag === "Some" && o.value.map((e) => [e.row, e.column])),
    ).toEqual([
      [1, "e-mail"],
      [1, "days"],
      [1, "email"],
      [1, "institution_name"],
    ])
  })
})

describe("readRows", () => {
  it("refuses a cell with U+0000 or a lone surrogate, naming its row and column", () => {
    expect(
      errorsOf(
        oneDay,
        row("Мария\u0000", "Петрова", "", "", "ins_m1", "", "", "all"),
        row("Иван", "\ud800", "", "", "ins_m1", "", "", "all"),
      ),
    ).toEqual([
      { row: 2, column: "given_name", message: expect.stringMatching(/U\+0000/) },
      { row: 3, column: "family_name", message: expect.stringMatching(/lone surrogate/) },
    ])
  })
  it("reads valid rows: institution by id or by normalised name, role by default participant, days all", () => {
    const [maria, ivan] = rows(
      oneDay,
      row(" Мария ", "Петрова", " Maria@Example.BG ", "Female", "", "  СТОЛИЧНА   община ", "", "all"),
      row("Иван", "Иванов", "", "", "ins_m1", "", "Speaker", "2018-03-01"),
    )
    expect(maria).toMatchObject({
      row: 2,
      givenName: "Мария",
      email: "maria@example.bg",
      gender: "female",
      institutionId: "ins_m1",
      days: ["2018-03-01"],
    })
    expect(maria!.role).toBeUndefined()
    expect(ivan).toMatchObject({ row: 3, institutionId: "ins_m1", role: "speaker" })
    expect(ivan!.email).toBeUndefined()
  })

  it("finds an institution written in Latin letters for its Cyrillic name", () => {
    const [r] = rows(oneDay, row("A", "B", "", "", "", "Stolichna obshtina", "", "all"))
    expect(r!.institutionId).toBe("ins_m1")
  })

  it("reads a list of days, sorted and without repeats, on a multi-day event", () => {
    const [r] = rows(
      twoDays,
      row("A", "B", "", "", "ins_m1", "", "", " 2018-05-11 ; 2018-05-10;2018-05-11; "),
    )
    expect(r!.days).toEqual(["2018-05-10", "2018-05-11"])
    const [all] = rows(twoDays, row("A", "B", "", "", "ins_m1", "", "", "ALL"))
    expect(all!.days).toEqual(["2018-05-10", "2018-05-11"])
  })

  it("reports every error with the row a person sees (header is row 1) and the column", () => {
    const errors = errorsOf(
      twoDays,
      row("", "Петрова", "not-an-email", "woman", "", "", "guest", "2018-05-12"),
      row("Иван", "", "", "", "ins_nope", "", "", "10.05.2018"),
      row("", "", "", "", "", "", "", ""), // blank: skipped, but it keeps its number
      row("Георги", "Д", "", "", "", "Няма такава", "", "2018-02-30"),
      row("Елена", "К", "", "", "ins_n1", "Столична община", "", ""),
    )
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "given_name"],
      [2, "email"],
      [2, "gender"],
      [2, "role"],
      [2, "institution_id"],
      [2, "days"],
      [3, "family_name"],
      [3, "institution_id"],
      [3, "days"],
      [5, "institution_name"],
      [5, "days"],
      [6, "institution_name"],
      [6, "days"],
    ])
    expect(errors[5]!.message).toMatch(/2018-05-12 is not a day of the event \(2018-05-10 to 2018-05-11\)/)
    expect(errors[8]!.message).toMatch(/"10.05.2018" is not a date written YYYY-MM-DD/)
    expect(errors[9]!.message).toMatch(/No institution is called "Няма такава"/)
  })

  it("refuses the same person twice: by email, or by name and institution in either script", () => {
    const errors = errorsOf(
      oneDay,
      row("Мария", "Петрова", "maria@example.bg", "", "ins_m1", "", "", "all"),
      row("Maria", "Petrova", "", "", "", "Столична община", "", "all"),
      row("Друга", "Жена", "MARIA@example.bg", "", "ins_n1", "", "", "all"),
      row("Maria", "Petrova", "", "", "ins_n1", "", "", "all"), // another institution: not a duplicate row
    )
    expect(errors).toEqual([
      { row: 3, column: "given_name", message: "The same person as row 2; list each person once." },
      { row: 4, column: "email", message: "The same person as row 2; list each person once." },
    ])
  })

  it("refuses an ambiguous institution name, a name that contradicts the id, and values without a header", () => {
    const context = {
      ...oneDay,
      institutions: [...oneDay.institutions, { id: "ins_m2", name: "Stolichna Obshtina" }],
    }
    const errors = errorsOf(context, row("A", "B", "", "", "", "Столична община", "", "all"), [
      ...row("C", "D", "", "", "ins_m1", "Фондация Пример", "", "all"),
      "stray",
    ])
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "institution_name"],
      [3, "column 9"],
      [3, "institution_name"],
    ])
  })

  it("checks names and email with the Person schema, as POST /v1/people does: 201 characters are refused", () => {
    const long = "Я".repeat(201)
    expect(
      errorsOf(
        oneDay,
        row(long, "Петрова", "", "", "ins_m1", "", "", "all"),
        row("Мария", "П".repeat(200), "", "", "ins_m1", "", "", "all"),
        row("Ана", long, `${"a".repeat(320)}@x.bg`, "", "ins_m1", "", "", "all"),
      ).map((e) => [e.row, e.column, e.message.slice(0, 14)]),
    ).toEqual([
      [2, "given_name", "given_name: Ex"],
      [4, "family_name", "family_name: E"],
      [4, "email", `"${"a".repeat(13)}`],
    ])
  })

  it("refuses a sheet with a header and no rows", () => {
    expect(errorsOf(oneDay)).toEqual([{ row: 2, column: "", message: "The sheet has no rows." }])
  })

  it("lists the institutions a sheet refers to, for the store to look up", () => {
    const refs = institutionReferences({
      header,
      rows: [
        row("A", "B", "", "", "ins_m1", "", "", "all"),
        row("C", "D", "", "", "", " Столична  Община", "", "all"),
      ],
    })
    expect(refs).toEqual({ ids: ["ins_m1"], names: ["stolichna obshtina"] })
  })
})

// ---------------------------------------------------------------------------------------------

const person = (
  id: string,
  givenName: string,
  familyName: string,
  institutionId: string,
  extra: Partial<KnownPerson> = {},
): KnownPerson => ({
  id,
  givenName,
  familyName,
  institutionId,
  ...extra,
})

const plan = (
  sheet: ReadonlyArray<SheetRow>,
  people: ReadonlyArray<KnownPerson>,
  participations: ReadonlyArray<KnownParticipation> = [],
) => {
  const result = planImport(
    sheet,
    { people, participations },
    sheet.map((r) => `per_new${r.row}`),
  )
  if (Either.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

describe("planImport", () => {
  // The contract smoke's second sheet, after its first one.
  const onFile = [
    person("per_1", "Мария", "Петрова", "ins_m1", { email: "maria@example.bg", gender: "female" }),
    person("per_2", "Иван", "Иванов", "ins_m1", { gender: "male" }),
    person("per_3", "Hans", "Müller", "ins_f1", { email: "hans@example.de", gender: "male" }),
    person("per_4", "Георги", "Димитров", "ins_n1", { gender: "male" }),
  ]
  const second = rows(
    twoDays,
    row("Maria", "Petrova", "", "", "ins_m1", "", "participant", "2018-05-10"),
    row("IVAN", "IVANOV", "ivan@example.bg", "", "", "Столична община", "participant", "all"),
    row("Георги", "Димитров", "", "", "ins_n1", "", "participant", "2018-05-11"),
    row("Елена", "Стоянова-Кирова", "elena@example.bg", "female", "ins_n1", "", "participant", "all"),
    row("Elena", "Stoyanova Kirova", "", "", "ins_m1", "", "participant", "all"),
  )

  it("matches by name and institution across scripts, creates new people, lists namesakes elsewhere", () => {
    const p = plan(second, onFile)
    const summary = summarisePlan(p, false)
    expect(summary).toMatchObject({
      rows: 5,
      peopleCreated: 2,
      peopleMatched: 3,
      participations: { created: 5, updated: 0, unchanged: 0 },
    })
    expect(summary.people.map((o) => [o.row, o.outcome, o.matchedBy, o.personId])).toEqual([
      [2, "matched", "name_and_institution", "per_1"],
      [3, "matched", "name_and_institution", "per_2"],
      [4, "matched", "name_and_institution", "per_4"],
      [5, "created", undefined, "per_new5"],
      [6, "created", undefined, "per_new6"],
    ])
    expect(summary.possibleDuplicates).toEqual([
      {
        row: 6,
        personId: "per_new6",
        givenName: "Elena",
        familyName: "Stoyanova Kirova",
        institutionId: "ins_m1",
        candidates: [
          {
            personId: "per_new5",
            givenName: "Елена",
            familyName: "Стоянова-Кирова",
            institutionId: "ins_n1",
          },
        ],
      },
    ])
  })

  it("gives a new person the row's email and gender, fills in a matched one, and never blanks what is on file", () => {
    const p = plan(second, onFile)
    expect(p.createPeople[0]).toMatchObject({
      id: "per_new5",
      email: "elena@example.bg",
      gender: "female",
      institutionId: "ins_n1",
    })
    expect(p.createPeople[1]!.email).toBeUndefined()
    // Иван gets his email; Мария's blank email and gender cells leave hers alone.
    expect(p.updatePeople).toEqual([{ row: 3, id: "per_2", email: "ivan@example.bg" }])
  })

  it("matches by email before name, even under another spelling at another institution", () => {
    const sheet = rows(
      oneDay,
      row("Mariya", "Petrova-Ivanova", " MARIA@example.bg", "", "ins_n1", "", "", "all"),
    )
    const p = plan(sheet, onFile)
    expect(p.outcomes[0]).toMatchObject({ outcome: "matched", matchedBy: "email", personId: "per_1" })
    expect(p.createParticipations[0]).toMatchObject({
      personId: "per_1",
      institutionId: "ins_n1",
      role: "participant",
    })
  })

  it("adds a day to a participation on file, keeps its role under a blank cell, and leaves a same one unchanged", () => {
    const sheet = rows(
      twoDays,
      row("Мария", "Петрова", "", "", "ins_m1", "", "", "2018-05-11"),
      row("Георги", "Димитров", "", "", "ins_n1", "", "", "2018-05-10"),
    )
    const p = plan(sheet, onFile, [
      { personId: "per_1", institutionId: "ins_m1", role: "speaker", days: [isoDate("2018-05-10")] },
      { personId: "per_4", institutionId: "ins_n1", role: "participant", days: [isoDate("2018-05-10")] },
    ])
    expect(p.updateParticipations).toEqual([
      {
        row: 2,
        personId: "per_1",
        institutionId: "ins_m1",
        role: "speaker",
        days: ["2018-05-10", "2018-05-11"],
      },
    ])
    expect(p.createParticipations).toEqual([])
    expect(p.unchangedParticipations).toBe(1)
  })

  it("refuses two rows that turn out to be one person on file", () => {
    const sheet = rows(
      oneDay,
      row("Мария", "Петрова", "", "", "ins_m1", "", "", "all"),
      row("Друго", "Име", "maria@example.bg", "", "ins_n1", "", "", "all"),
    )
    const result = planImport(sheet, { people: onFile, participations: [] }, ["per_a", "per_b"])
    expect(result).toEqual(
      Either.left([
        expect.objectContaining({
          row: 3,
          column: "email",
          message: expect.stringMatching(/same person as row 2/),
        }),
      ]),
    )
  })

  it("leaves out the ids of people a dry run would create", () => {
    const summary = summarisePlan(plan(second, onFile), true)
    expect(summary.dryRun).toBe(true)
    expect(summary.people[3]!.personId).toBeUndefined()
    expect(summary.people[0]!.personId).toBe("per_1")
    expect(summary.possibleDuplicates[0]!.personId).toBeUndefined()
  })

  it("names the keys the store looks people up by", () => {
    expect(candidateKeys(second)).toEqual({
      emailKeys: ["ivan@example.bg", "elena@example.bg"],
      nameKeys: ["maria petrova", "ivan ivanov", "georgi dimitrov", "elena stoyanova kirova"],
    })
  })
})

// ---------------------------------------------------------------------------------------------

interface State {
  readonly people: ReadonlyArray<KnownPerson>
  readonly participations: ReadonlyArray<KnownParticipation>
}

/** What the store does with a plan, on an in-memory state. */
const apply = (state: State, p: ImportPlan): State => {
  const people = new Map(state.people.map((x) => [x.id, x]))
  for (const c of p.createPeople) people.set(c.id, c)
  for (const u of p.updatePeople) {
    const before = people.get(u.id)!
    people.set(u.id, {
      ...before,
      ...(u.email ? { email: u.email } : {}),
      ...(u.gender ? { gender: u.gender } : {}),
    })
  }
  const participations = new Map(state.participations.map((x) => [x.personId, x]))
  for (const w of [...p.createParticipations, ...p.updateParticipations]) participations.set(w.personId, w)
  return { people: [...people.values()], participations: [...participations.values()] }
}

const nameSpellings = [
  ["Мария", "Петрова"],
  ["Maria", "Petrova"],
  ["Иван", "Иванов"],
  ["IVAN", "IVANOV"],
  ["Елена", "Стоянова-Кирова"],
  ["Elena", "Stoyanova Kirova"],
  ["Георги", "Димитров"],
] as const
const institutions = ["ins_m1", "ins_n1", "ins_f1"] as const
const emails = ["", "", "a@x.bg", "b@x.bg", "c@x.bg"] as const
const days: ReadonlyArray<IsoDate> = [isoDate("2018-05-10"), isoDate("2018-05-11")]

const cellsArb = fc.record({
  name: fc.constantFrom(...nameSpellings),
  email: fc.constantFrom(...emails),
  gender: fc.constantFrom("", "female", "male", "undisclosed"),
  institution: fc.constantFrom(...institutions),
  role: fc.constantFrom("", "participant", "speaker"),
  days: fc.constantFrom("all", "2018-05-10", "2018-05-11", "2018-05-11;2018-05-10"),
})

const knownArb = fc.record({
  name: fc.constantFrom(...nameSpellings),
  email: fc.constantFrom(...emails),
  gender: fc.constantFrom<Gender | undefined>(undefined, "female", "male", "other"),
  institution: fc.constantFrom(...institutions),
  attended: fc.option(fc.subarray([...days]), { nil: undefined }),
  role: fc.constantFrom<ParticipationRole>("participant", "organiser"),
})

describe("importing a sheet twice", () => {
  it.prop(
    "changes nothing the second time",
    [fc.array(cellsArb, { minLength: 1, maxLength: 8 }), fc.array(knownArb, { maxLength: 6 })],
    ([cells, known]) => {
      const read = readRows(
        {
          header,
          rows: cells.map((c) =>
            row(c.name[0], c.name[1], c.email, c.gender, c.institution, "", c.role, c.days),
          ),
        },
        twoDays,
      )
      fc.pre(Either.isRight(read))
      const sheet = Either.getOrThrow(read)
      const initial: State = {
        people: known.map((k, i) =>
          person(`per_old${i}`, k.name[0], k.name[1], k.institution, {
            ...(k.email ? { email: k.email } : {}),
            ...(k.gender ? { gender: k.gender } : {}),
          }),
        ),
        participations: known.flatMap((k, i) =>
          k.attended
            ? [{ personId: `per_old${i}`, institutionId: k.institution, role: k.role, days: k.attended }]
            : [],
        ),
      }
      const first = planImport(
        sheet,
        initial,
        sheet.map((r) => `per_new${r.row}`),
      )
      fc.pre(Either.isRight(first))
      const after = apply(initial, Either.getOrThrow(first))
      const again = Either.getOrThrow(
        planImport(
          sheet,
          after,
          sheet.map((r) => `per_again${r.row}`),
        ),
      )
      expect(again.createPeople).toEqual([])
      expect(again.updatePeople).toEqual([])
      expect(again.createParticipations).toEqual([])
      expect(again.updateParticipations).toEqual([])
      expect(again.unchangedParticipations).toBe(sheet.length)
      expect(apply(after, again)).toEqual(after)
    },
    { fastCheck: { numRuns: 300 } },
  )
})

/** `items` cut where `cuts` say (each cut a share of the length), in order. */
const sliced = <A>(items: ReadonlyArray<A>, cuts: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<A>> => {
  const at = [...new Set(cuts.map((c) => Math.floor(c * items.length)))].sort((a, b) => a - b)
  const out: Array<ReadonlyArray<A>> = []
  let from = 0
  for (const to of [...at, items.length]) {
    out.push(items.slice(from, to))
    from = to
  }
  return out
}

describe("reading and planning a slice at a time", () => {
  const cutsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 })
  const cellsOf = (c: typeof cellsArb extends fc.Arbitrary<infer A> ? A : never, bad: boolean) =>
    row(
      c.name[0],
      c.name[1],
      bad ? "not an email" : c.email,
      c.gender,
      c.institution,
      "",
      c.role,
      bad ? "" : c.days,
    )

  it.prop(
    "reads and plans exactly as all at once, errors included, however the rows are cut",
    [
      fc.array(fc.tuple(cellsArb, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 10 }),
      fc.array(knownArb, { maxLength: 6 }),
      cutsArb,
      cutsArb,
    ],
    ([cells, known, readCuts, planCuts]) => {
      // Some rows blank, some bad: the row numbers of their errors must not move.
      const table = {
        header,
        rows: cells.map(([c, blank, bad]) => (blank && bad ? ["", "", ""] : cellsOf(c, bad && !blank))),
      }
      const whole = readRows(table, twoDays)
      const reader = Either.getOrThrow(SheetRowReader.start(header, twoDays.event))
      let first = 0
      for (const slice of sliced(table.rows, readCuts)) {
        // Institutions arrive as the slices that name them are read, some twice.
        reader.addInstitutions(twoDays.institutions.slice(0, 1))
        reader.addInstitutions(twoDays.institutions)
        reader.read(slice, first)
        first += slice.length
      }
      expect(reader.result()).toEqual(whole)
      fc.pre(Either.isRight(whole))
      const sheet = whole.right
      const records = {
        people: known.map((k, i) => person(`per_old${i}`, k.name[0], k.name[1], k.institution, {})),
        participations: [],
      }
      const ids = sheet.map((r) => `per_new${r.row}`)
      const planner = new ImportPlanner(records)
      let done = 0
      for (const slice of sliced(sheet, planCuts)) {
        planner.add(slice, ids.slice(done, done + slice.length))
        done += slice.length
      }
      expect(planner.result()).toEqual(planImport(sheet, records, ids))
    },
    { fastCheck: { numRuns: 200 } },
  )
})
