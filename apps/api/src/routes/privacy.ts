/**
 * A data subject's rights: `GET …/{id}/export` answers everything held on a person or a
 * beneficiary as JSON (logged as `read_personal`); `POST …/{id}/erasure` replaces their personal
 * data with a salted erasure key and keeps the attributes every count needs (logged as `erase`).
 * Part of `/v1/people`, and mounted beside `/v1/beneficiaries`.
 * @module
 */
import { type DataSubject, Privacy } from "@coordina/app"
import {
  BeneficiaryExport,
  type BeneficiaryNotFound,
  ErasureResult,
  PersonExport,
  type PersonNotFound,
  type Principal,
} from "@coordina/domain"
import { type Context, Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"
import { respond } from "../http/Respond.js"
import { params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })

const noSalt = "Erasure is not configured: set COORDINA_PSEUDONYM_SALT (16 characters or more)."

type PrivacyService = Context.Tag.Service<Privacy>

const subjectRoutes = <A, I>(
  kind: DataSubject,
  salt: string | undefined,
  schema: Schema.Schema<A, I>,
  exportOf: (
    privacy: PrivacyService,
    actor: Principal,
    id: string,
  ) => Effect.Effect<A, PersonNotFound | BeneficiaryNotFound>,
) => {
  const tags = [kind === "person" ? "people" : "beneficiaries", "privacy"]
  return new Hono<AppEnv>()
    .get(
      "/:id/export",
      describeRoute({
        tags,
        summary: `Export everything held on a ${kind}`,
        responses: { 200: jsonResponse(schema, "The data, as JSON"), ...problems(403, 404) },
      }),
      requires("privacy", "read"),
      params(IdParam),
      (c) => {
        c.header("Cache-Control", "no-store")
        return respond(
          c,
          Effect.flatMap(Privacy, (s) => exportOf(s, c.var.principal, c.req.valid("param").id)),
          schema,
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
        return respond(
          c,
          Effect.flatMap(Privacy, (s) => s.erase(c.var.principal, kind, c.req.valid("param").id, salt)),
          ErasureResult,
        )
      },
    )
}

/** Export and erasure of people, part of `/v1/people`. */
export const personPrivacyRoutes = (salt: string | undefined) =>
  subjectRoutes("person", salt, PersonExport, (s, actor, id) => s.exportPerson(actor, id))
/** Export and erasure of beneficiaries, mounted at `/v1/beneficiaries`. */
export const beneficiaryPrivacyRoutes = (salt: string | undefined) =>
  subjectRoutes("beneficiary", salt, BeneficiaryExport, (s, actor, id) => s.exportBeneficiary(actor, id))
