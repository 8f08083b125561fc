/**
 * A data subject's rights: `GET …/{id}/export` answers everything held on a person or a
 * beneficiary as JSON (logged as `read_personal`); `POST …/{id}/erasure` replaces their personal
 * data with a salted erasure key and keeps the attributes every count needs (logged as `erase`).
 * Mounted beside `/v1/people` and `/v1/beneficiaries`.
 * @module
 */
import {
  AuditRecord,
  type BeneficiaryNotFound,
  ErasureResult,
  type PersonNotFound,
  Snapshot,
} from "@coordina/domain"
import { AuditLog, PersonalData } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"
import { respond } from "../http/Respond.js"
import { params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const Row = Schema.Record({ key: Schema.String, value: Snapshot })
const History = Schema.Array(Schema.Struct({ ...AuditRecord.fields, id: Schema.optional(Schema.String) }))

/** Everything held on a person. */
export const PersonExport = Schema.Struct({
  exportedAt: Schema.String,
  entity: Schema.String,
  records: Schema.Array(Row),
  participations: Schema.Array(Row),
  dissemination: Schema.Array(Row),
  history: History,
}).annotations({ identifier: "PersonExport" })

/** Everything held on a beneficiary. */
export const BeneficiaryExport = Schema.Struct({
  exportedAt: Schema.String,
  entity: Schema.String,
  caseRecord: Row,
  personal: Row,
  agreements: Schema.Array(Row),
  agreementEvents: Schema.Array(Row),
  planMeasures: Schema.Array(Row),
  history: History,
}).annotations({ identifier: "BeneficiaryExport" })

/** Rows read from the database, as the JSON they are sent as (column values are JSON scalars). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const noSalt = "Erasure is not configured: set COORDINA_PSEUDONYM_SALT (16 characters or more)."

const subjectRoutes = <A, I>(
  kind: "person" | "beneficiary",
  salt: string | undefined,
  exportSchema: Schema.Schema<A, I>,
  exportOf: (
    data: PersonalData["Type"],
    id: string,
  ) => Effect.Effect<unknown, PersonNotFound | BeneficiaryNotFound>,
) => {
  const tags = [kind === "person" ? "people" : "beneficiaries", "privacy"]
  return new Hono<AppEnv>()
    .get(
      "/:id/export",
      describeRoute({
        tags,
        summary: `Export everything held on a ${kind}`,
        responses: { 200: jsonResponse(exportSchema, "The data, as JSON"), ...problems(403, 404) },
      }),
      requires("privacy", "read"),
      params(IdParam),
      (c) => {
        const { id } = c.req.valid("param")
        c.header("Cache-Control", "no-store")
        return respond(
          c,
          Effect.gen(function* () {
            const exported = Schema.decodeUnknownSync(exportSchema)(yield* exportOf(yield* PersonalData, id))
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "read_personal",
              entity: `${kind}:${id}`,
              after: { export: true },
            })
            return exported
          }),
          exportSchema,
        )
      },
    )
    .post(
      "/:id/erasure",
      describeRoute({
        tags,
        summary: `Erase a ${kind}'s personal data, keeping every total`,
        responses: {
          200: jsonResponse(ErasureResult, "What was erased and what was kept"),
          ...problems(403, 404, 409),
        },
      }),
      requires("privacy", "write"),
      params(IdParam),
      (c) => {
        if (salt === undefined) return sendProblem(c, httpProblem(503, noSalt))
        const { id } = c.req.valid("param")
        return respond(
          c,
          Effect.gen(function* () {
            const data = yield* PersonalData
            const erased =
              kind === "person"
                ? yield* data.erasePerson(id, salt, c.var.principal.id)
                : yield* data.eraseBeneficiary(id, salt, c.var.principal.id)
            return new ErasureResult({
              entity: `${kind}:${id}`,
              erasureKey: erased.erasureKey,
              erasedAt: erased.erasedAt,
              records: erased.records,
              kept:
                kind === "person"
                  ? ["id", "institutionId", "gender", "participations", "disseminationContacts"]
                  : ["id", "pseudonym", "statusKind", "statusDecisionDate", "familyMembers", "agreements"],
            })
          }),
          ErasureResult,
        )
      },
    )
}

/** Export and erasure of people, mounted at `/v1/people`. */
export const personPrivacyRoutes = (salt: string | undefined) =>
  subjectRoutes("person", salt, PersonExport, (data, id) => data.exportPerson(id).pipe(Effect.map(asJson)))
/** Export and erasure of beneficiaries, mounted at `/v1/beneficiaries`. */
export const beneficiaryPrivacyRoutes = (salt: string | undefined) =>
  subjectRoutes("beneficiary", salt, BeneficiaryExport, (data, id) =>
    data.exportBeneficiary(id).pipe(Effect.map(asJson)),
  )
