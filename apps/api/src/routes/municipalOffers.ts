/**
 * `/v1/municipal-offers`: what municipalities offer SAR: places and planned measures. A case
 * worker records and lists only their municipalities' offers. The use cases are the app
 * layer's `MunicipalOffers`.
 * @module
 */
import { MunicipalOffers } from "@coordina/app"
import { MunicipalOfferPage, MunicipalOfferView, NewMunicipalOffer } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, query } from "../http/Validate.js"

const tags = ["agreements"]

/** The municipal offers sub-app, mounted at `/v1/municipal-offers`. */
export const municipalOfferRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Record a municipal offer",
      description: "A municipality outside the caller's scope is 403.",
      responses: {
        201: jsonResponse(MunicipalOfferView, "The offer with the places remaining"),
        ...problems(400, 403, 404, 422),
      },
    }),
    requires("agreements", "write"),
    body(NewMunicipalOffer),
    (c) =>
      respond(
        c,
        Effect.flatMap(MunicipalOffers, (s) => s.create(c.var.principal, c.req.valid("json"))),
        MunicipalOfferView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List municipal offers",
      description: "Only the offers of the caller's municipalities.",
      responses: { 200: jsonResponse(MunicipalOfferPage, "A page of offers") },
    }),
    requires("agreements", "read"),
    query(Schema.Struct({ ...PageQuery.fields, municipalityId: Schema.optional(Schema.String) })),
    (c) =>
      respond(
        c,
        Effect.flatMap(MunicipalOffers, (s) => s.list(c.var.principal, c.req.valid("query"))),
        MunicipalOfferPage,
      ),
  )
