import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import {
  type Agreement,
  type AgreementAction,
  type AgreementEvent,
  type AgreementId,
  allowedActions,
  apply,
  close,
  conclude,
  declareIntent,
  extend,
  match,
  replay,
  stateOn,
  terminate,
  viewAsOf,
} from "./Agreement.js"
import type { BeneficiaryId } from "./Beneficiary.js"
import { isoDate } from "./CalendarDate.js"
import type { InstitutionId } from "./Institution.js"
import type { OfferId } from "./MunicipalOffer.js"
import { ordinance2016, ordinance2017 } from "./ProcedureRuleSet.js"

const d = isoDate
const rec = { at: "2019-03-15T10:00:00.000Z", by: "test" }
const offer = {
  id: "off_1" as OfferId,
  municipalityId: "ins_town" as InstitutionId,
  capacity: 1,
  taken: 0,
}

const right = <A, E>(e: Either.Either<A, E>): A =>
  Either.getOrThrowWith(e, (l) => new Error(`expected success, got ${JSON.stringify(l)}`))
const left = <A, E>(e: Either.Either<A, E>): E =>
  Either.match(e, {
    onLeft: (l) => l,
    onRight: (r) => {
      throw new Error(`expected failure, got ${JSON.stringify(r)}`)
    },
  })

const intent = (intentDate = "2019-03-15", statusDecisionDate = "2019-03-01") =>
  right(
    declareIntent({
      ...rec,
      agreementId: "agr_1" as AgreementId,
      beneficiary: { id: "ben_1" as BeneficiaryId, statusDecisionDate: d(statusDecisionDate) },
      intentDate: d(intentDate),
    }),
  )

const history = {
  intent_declared: (): Array<AgreementEvent> => [intent()],
  matched: (): Array<AgreementEvent> => {
    const events = history.intent_declared()
    return [...events, right(match(replay(events), { ...rec, offer, date: d("2019-03-20") }))]
  },
  active: (): Array<AgreementEvent> => {
    const events = history.matched()
    return [...events, right(conclude(replay(events), { ...rec, date: d("2019-04-01"), signedBy: "Кмет" }))]
  },
  terminated: (): Array<AgreementEvent> => {
    const events = history.active()
    return [
      ...events,
      right(
        terminate(replay(events), { ...rec, ground: "death", date: d("2019-06-01"), initiator: "mayor" }),
      ),
    ]
  },
  closed: (): Array<AgreementEvent> => {
    const events = history.intent_declared()
    return [...events, right(close(replay(events), { ...rec, date: d("2019-04-01"), reason: "withdrawn" }))]
  },
}

/** Tries an action on a day, with a command that would be valid in the right state. */
const attempt = (
  a: Agreement,
  action: AgreementAction,
  date: string,
): Either.Either<AgreementEvent, { readonly _tag: string }> => {
  const on = d(date)
  switch (action) {
    case "match":
      return match(a, { ...rec, offer, date: on })
    case "conclude":
      return conclude(a, { ...rec, date: on, signedBy: "Кмет" })
    case "extend":
      return extend(a, { ...rec, date: on })
    case "terminate":
      return terminate(a, { ...rec, ground: "death", date: on, initiator: "mayor" })
    case "close":
      return close(a, { ...rec, date: on, reason: "withdrawn" })
  }
}

const actions: ReadonlyArray<AgreementAction> = ["match", "conclude", "extend", "terminate", "close"]
const allowed: Record<string, ReadonlyArray<AgreementAction>> = {
  intent_declared: ["match", "close"],
  matched: ["conclude", "close"],
  active: ["extend", "terminate"],
  terminated: [],
  closed: [],
}

describe("the intent", () => {
  it("is governed by ordinance-2017 with a 14-day limit moved to a working day", () => {
    const a = replay([intent()])
    expect(a).toMatchObject({
      state: "intent_declared",
      procedureId: "ordinance-2017",
      intentDeadline: "2019-03-15",
      intentLate: false,
      version: 1,
    })
  })
  it("is flagged late, not refused, after the limit", () => {
    expect(replay([intent("2019-03-18")]).intentLate).toBe(true)
  })
  it("is not late when declared during the status procedure", () => {
    expect(replay([intent("2019-02-01", "2019-03-01")]).intentLate).toBe(false)
  })
  it("has no limit under ordinance-2016", () => {
    const a = replay([intent("2017-01-10", "2016-09-01")])
    expect(a.procedureId).toBe(ordinance2016.id)
    expect(a.intentDeadline).toBeUndefined()
    expect(a.intentLate).toBe(false)
  })
  it("is refused with DateOutOfOrder before the status decision where the rule set takes none then", () => {
    const declare = (intentDate: string, statusDecisionDate: string) =>
      declareIntent({
        ...rec,
        agreementId: "agr_1" as AgreementId,
        beneficiary: { id: "ben_1" as BeneficiaryId, statusDecisionDate: d(statusDecisionDate) },
        intentDate: d(intentDate),
      })
    // ordinance-2016 has no statement during the status procedure
    expect(left(declare("2016-12-01", "2017-01-05"))).toMatchObject({
      _tag: "DateOutOfOrder",
      date: "2016-12-01",
      earliest: "2017-01-05",
    })
    expect(Either.isRight(declare("2017-01-05", "2017-01-05"))).toBe(true)
    // ordinance-2017 takes it during the procedure
    expect(Either.isRight(declare("2019-02-01", "2019-03-01"))).toBe(true)
  })
  it("is refused with NoProcedureInForce between the two versions", () => {
    const error = left(
      declareIntent({
        ...rec,
        agreementId: "agr_1" as AgreementId,
        beneficiary: { id: "ben_1" as BeneficiaryId, statusDecisionDate: d("2017-05-01") },
        intentDate: d("2017-06-01"),
      }),
    )
    expect(error._tag).toBe("NoProcedureInForce")
  })
})

describe("every transition", () => {
  for (const [state, build] of Object.entries(history)) {
    for (const action of actions) {
      const ok = allowed[state]!.includes(action)
      it(`${ok ? "allows" : "refuses"} ${action} from ${state}`, () => {
        const a = replay(build())
        expect(a.state).toBe(state)
        const result = attempt(a, action, "2019-06-15")
        if (ok) {
          expect(Either.isRight(result)).toBe(true)
          const next = apply(a, right(result))
          expect(next.version).toBe(a.version + 1)
        } else {
          expect(left(result)).toMatchObject({ _tag: "IllegalTransition", action, currentState: state })
        }
      })
    }
  }

  it("refuses every action on an expired agreement, with currentState expired", () => {
    const a = replay(history.active())
    expect(stateOn(a, d("2020-04-01"))).toBe("expired")
    for (const action of actions)
      expect(left(attempt(a, action, "2020-04-01"))).toMatchObject({
        _tag: "IllegalTransition",
        currentState: "expired",
      })
  })
})

describe("the term", () => {
  it("runs a year from conclusion, and an extension moves the end by a year", () => {
    const a = replay(history.active())
    expect(a).toMatchObject({ state: "active", startDate: "2019-04-01", endDate: "2020-03-31" })
    const e = right(extend(a, { ...rec, date: d("2020-03-01") }))
    const extended = apply(a, e)
    expect(extended).toMatchObject({ endDate: "2021-03-31", extensions: 1, extendedOn: "2020-03-01" })
    expect(left(extend(extended, { ...rec, date: d("2021-03-01") }))).toMatchObject({
      _tag: "ExtensionLimitReached",
      maxExtensions: 1,
    })
    expect(allowedActions(extended, d("2021-03-01"))).toEqual(["terminate"])
  })
  it("reads expired after the end date, and active on it", () => {
    const a = replay(history.active())
    expect(viewAsOf(a, d("2020-03-31")).state).toBe("active")
    expect(viewAsOf(a, d("2020-04-01"))).toMatchObject({ state: "expired", allowedActions: [] })
  })
})

describe("refusals beside the state", () => {
  it("refuses a ground the governing rule set does not list", () => {
    const a = replay(history.active())
    expect(
      left(
        terminate(a, { ...rec, ground: "suitable_work_refused", date: d("2019-06-01"), initiator: "mayor" }),
      ),
    ).toMatchObject({ _tag: "GroundNotInRuleSet", procedureId: "ordinance-2017" })
    expect(ordinance2017.terminationGrounds).not.toContain("suitable_work_refused")
  })
  it("refuses a match on an offer with no place left", () => {
    const a = replay(history.intent_declared())
    expect(left(match(a, { ...rec, offer: { ...offer, taken: 1 }, date: d("2019-03-20") }))).toMatchObject({
      _tag: "NoCapacityLeft",
      offerId: "off_1",
    })
  })
  it("refuses a step dated before the previous one", () => {
    const a = replay(history.matched())
    expect(left(conclude(a, { ...rec, date: d("2019-03-19"), signedBy: "Кмет" }))).toMatchObject({
      _tag: "DateOutOfOrder",
      earliest: "2019-03-20",
    })
  })
})

describe("replay", () => {
  it("rebuilds the same agreement from its events, one version per event", () => {
    const events = history.terminated()
    const a = replay(events)
    expect(a).toMatchObject({
      state: "terminated",
      terminationGround: "death",
      terminatedOn: "2019-06-01",
      municipalityId: "ins_town",
      version: events.length,
    })
  })
  it("refuses a history that does not begin with the intent", () => {
    expect(() => replay(history.matched().slice(1))).toThrow()
  })
})
