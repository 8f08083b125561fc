import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { isoDate } from "./CalendarDate.js"
import {
  ordinance2016,
  ordinance2017,
  ProcedureRuleSet,
  ruleSetById,
  ruleSetInForce,
  withParameters,
} from "./ProcedureRuleSet.js"

const inForce = (s: string) =>
  Either.match(ruleSetInForce(isoDate(s)), { onLeft: (e) => e._tag, onRight: (r) => r.id as string })

describe("ruleSetInForce", () => {
  it.each([
    ["2016-08-18", "NoProcedureInForce"],
    ["2016-08-19", "ordinance-2016"],
    ["2017-03-31", "ordinance-2016"],
    ["2017-04-01", "NoProcedureInForce"],
    ["2017-07-24", "NoProcedureInForce"],
    ["2017-07-25", "ordinance-2017"],
    ["2026-01-01", "ordinance-2017"],
  ])("on %s gives %s", (date, expected) => {
    expect(inForce(date)).toBe(expected)
  })

  it("says which date had no rule set", () => {
    const error = Either.getLeft(ruleSetInForce(isoDate("2017-06-01")))
    expect(error._tag === "Some" && error.value.date).toBe("2017-06-01")
  })
})

describe("the rule sets as data", () => {
  it("gives the 2017 intent limit, term and single extension", () => {
    expect(ordinance2017).toMatchObject({
      intentTimeLimitDays: 14,
      termMonths: 12,
      extensionMonths: 12,
      maxExtensions: 1,
    })
    expect(ordinance2016.intentTimeLimitDays).toBeUndefined()
  })
  it("lists different termination grounds per version, each labelled in both languages", () => {
    expect(ordinance2017.terminationGrounds).toContain("death")
    expect(ordinance2017.terminationGrounds).not.toContain("suitable_work_refused")
    expect(ordinance2016.terminationGrounds).toContain("suitable_work_refused")
    for (const r of [ordinance2016, ordinance2017])
      for (const code of [...r.terminationGrounds, ...r.planAreas]) {
        expect(r.labels[code]?.en, code).toBeTruthy()
        expect(r.labels[code]?.bg, code).toBeTruthy()
      }
  })
  it("has eight plan areas and a source for every parameter", () => {
    expect(ordinance2017.planAreas).toHaveLength(8)
    const facts = ordinance2017.sources.map((s) => s.fact).join(" ")
    for (const p of Object.keys(ordinance2017.parameters)) expect(facts).toContain(p)
  })
  it("encodes to the API's shape and back", () => {
    const encoded = Schema.encodeSync(ProcedureRuleSet)(ordinance2017)
    expect(Schema.decodeUnknownSync(ProcedureRuleSet)(encoded)).toEqual(ordinance2017)
  })
  it("finds a rule set by id, and changes a parameter without code", () => {
    expect(Either.isLeft(ruleSetById("ordinance-1999"))).toBe(true)
    expect(withParameters(ordinance2017, { taskDueDays: 7 }).parameters.taskDueDays).toBe(7)
    expect(ordinance2017.parameters.taskDueDays).toBe(14)
  })
})
