import { describe, expect, it } from "@effect/vitest"
import { Either, ParseResult, Schema } from "effect"
import {
  AcceptTaskRequest,
  Attendance,
  CloseRequest,
  ConcludeRequest,
  ExtendRequest,
  MatchRequest,
  NewIntent,
  NewMeasure,
  NewMunicipalOffer,
  PlanRequest,
  RetentionDryRun,
  TerminateRequest,
} from "./index.js"

/** Each request that carries a date a client chooses, with a valid body around `date`. */
const requests: ReadonlyArray<
  readonly [string, Schema.Schema.AnyNoContext, (date: string) => unknown, string]
> = [
  ["intent", NewIntent, (date) => ({ beneficiaryId: "ben_1", intentDate: date }), "intentDate"],
  ["match", MatchRequest, (date) => ({ offerId: "off_1", date }), "date"],
  ["conclude", ConcludeRequest, (date) => ({ date, signedBy: "Кмет" }), "date"],
  ["extend", ExtendRequest, (date) => ({ date }), "date"],
  ["terminate", TerminateRequest, (date) => ({ ground: "expiry", date, initiator: "SAR" }), "date"],
  ["close", CloseRequest, (date) => ({ date, reason: "done" }), "date"],
  [
    "municipal offer",
    NewMunicipalOffer,
    (date) => ({ municipalityId: "ins_1", date, capacity: 1, plannedAreas: [] }),
    "date",
  ],
  ["attendance", Attendance, (date) => ({ days: ["2019-05-01", date] }), "days.1"],
  [
    "plan",
    PlanRequest,
    (date) => ({ measures: [{ area: "housing", responsibleInstitutionId: "ins_1", dueDate: date }] }),
    "measures.0.dueDate",
  ],
  ["plan date", PlanRequest, (date) => ({ measures: [], date }), "date"],
  [
    "measure",
    NewMeasure,
    (date) => ({ area: "housing", responsibleInstitutionId: "ins_1", dueDate: date }),
    "dueDate",
  ],
  ["task answer", AcceptTaskRequest, (date) => ({ date }), "date"],
  ["retention dry run", RetentionDryRun, (date) => ({ asOf: date }), "asOf"],
]

const failingPath = (schema: Schema.Schema.AnyNoContext, input: unknown) => {
  const result = Schema.decodeUnknownEither(schema)(input, { errors: "all" })
  if (Either.isRight(result)) return undefined
  // An optional field reports its issue once per member of its union; one path is enough.
  return [...new Set(ParseResult.ArrayFormatter.formatErrorSync(result.left).map((i) => i.path.join(".")))]
}

describe("dates that clients send", () => {
  it.each(requests)("are plausible in a %s request", (_, schema, body, path) => {
    expect(failingPath(schema, body("2019-06-01"))).toBeUndefined()
    expect(failingPath(schema, body("1900-01-01"))).toBeUndefined()
    expect(failingPath(schema, body("2100-12-31"))).toBeUndefined()
    for (const implausible of ["9999-12-31", "2101-01-01", "1899-12-31", "0001-01-01"])
      expect(failingPath(schema, body(implausible))).toEqual([path])
  })
})
