/**
 * `/v1/municipal-offers`: what municipalities offer SAR: places and planned measures.
 * @module
 */
import { MunicipalOfferView, NewMunicipalOffer, toOfferView } from "@coordina/domain"
import { AuditLog, MunicipalOffersRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { transaction } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, query } from "../http/Validate.js"

const tags = ["agreements"]
const OfferPage = PageOf(MunicipalOfferView, "MunicipalOfferPage")

/** The municipal offers sub-app, mounted at `/v1/municipal-offers`. */
export const municipalOfferRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Record a municipal offer",
      responses: {
        201: jsonResponse(MunicipalOfferView, "The offer with the places remaining"),
        ...problems(400, 404, 422),
      },
    }),
    requires("agreements", "write"),
    body(NewMunicipalOffer),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const offer = toOfferView(yield* (yield* MunicipalOffersRepository).create(c.req.valid("json")))
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "create",
              entity: `municipal_offer:${offer.id}`,
              after: offer,
            })
            return offer
          }),
        ),
        MunicipalOfferView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List municipal offers",
      responses: { 200: jsonResponse(OfferPage, "A page of offers") },
    }),
    requires("agreements", "read"),
    query(Schema.Struct({ ...PageQuery.fields, municipalityId: Schema.optional(Schema.String) })),
    (c) =>
      respond(
        c,
        MunicipalOffersRepository.pipe(
          Effect.flatMap((repo) => repo.list(c.req.valid("query"))),
          Effect.map((page) => ({ items: page.items.map(toOfferView), nextCursor: page.nextCursor })),
        ),
        OfferPage,
      ),
  )
