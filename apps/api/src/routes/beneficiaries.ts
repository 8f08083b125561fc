/**
 * `/v1/beneficiaries`: beneficiaries of international protection. The pseudonymous case record
 * goes to every caller who may read beneficiaries; `personal` only to roles allowed to see it,
 * and each such read is audit-logged.
 * @module
 */
import {
  BeneficiaryNotFound,
  BeneficiaryView,
  beneficiaryDatesRefusal,
  ImplausibleDate,
  NewBeneficiary,
} from "@coordina/domain"
import { AgreementsRepository, AuditLog, BeneficiariesRepository } from "@coordina/store"
import { Effect, Option, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { transaction } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { canReadPersonal, canSeeBeneficiary, requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"
import { today } from "./agreementsShared.js"

const tags = ["beneficiaries"]

/** The beneficiaries sub-app, mounted at `/v1/beneficiaries`. */
export const beneficiaryRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Register a beneficiary",
      description: "The personal data is stored apart from the pseudonymous case record.",
      responses: {
        201: jsonResponse(BeneficiaryView, "The case record (personal only to roles allowed)"),
        ...problems(400, 422),
      },
    }),
    requires("beneficiaries", "write"),
    body(NewBeneficiary),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const input = c.req.valid("json")
            const refusal = beneficiaryDatesRefusal(input, yield* today)
            if (refusal) return yield* new ImplausibleDate(refusal)
            const created = yield* (yield* BeneficiariesRepository).create(input)
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "create",
              entity: `beneficiary:${created.id}`,
              after: created,
            })
            return canReadPersonal(c.var.principal)
              ? { ...created, personal: input.personal }
              : { ...created }
          }),
        ),
        BeneficiaryView,
        201,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a beneficiary",
      description: "`personal` comes back only to roles allowed to see it; each such read is audit-logged.",
      responses: { 200: jsonResponse(BeneficiaryView, "The case record"), ...problems(404) },
    }),
    requires("beneficiaries", "read"),
    params(Schema.Struct({ id: Schema.String })),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const repo = yield* BeneficiariesRepository
            const found = yield* repo.get(id)
            const agreements = yield* (yield* AgreementsRepository).list({
              beneficiaryId: id,
              asOf: yield* today,
              limit: 500,
            })
            const municipalities = agreements.items.flatMap((a) =>
              a.municipalityId ? [a.municipalityId] : [],
            )
            if (!canSeeBeneficiary(c.var.principal, municipalities))
              return yield* new BeneficiaryNotFound({ beneficiaryId: id })
            if (!canReadPersonal(c.var.principal)) return { ...found }
            const personal = yield* repo.personal(id)
            if (Option.isNone(personal)) return { ...found }
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "read_personal",
              entity: `beneficiary:${id}`,
            })
            return { ...found, personal: personal.value }
          }),
        ),
        BeneficiaryView,
      ),
  )
