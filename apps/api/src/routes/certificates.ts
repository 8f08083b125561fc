/**
 * Attendance certificates: `POST /v1/events/{id}/certificates` issues them (idempotent),
 * `GET` on the same path lists the codes, `GET /v1/events/{id}/certificates.pdf` and `.zip`
 * print them all (one PDF, or one PDF per person), `GET /v1/certificates/{code}.pdf` prints one,
 * and `GET /v1/certificates/{code}` answers anyone, without a token, whether a code is genuine.
 *
 * Printing names people, so it needs the right to read people as well as events; each holder
 * printed is a `read_personal` audit entry. The public answer carries initials only.
 * @module
 */
import { type CertificateFile, Certificates } from "@coordina/app"
import {
  CertificateLanguage,
  CertificateList,
  CertificateVerification,
  IssuedCertificates,
  type Principal,
} from "@coordina/domain"
import { type Effect as E, Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv, AppServices } from "../http/AppEnv.js"
import { clientAddress } from "../http/Auth.js"
import { jsonResponse, problems } from "../http/Docs.js"
import type { ApiError } from "../http/Errors.js"
import { requires } from "../http/Policy.js"
import { respond, respondFile } from "../http/Respond.js"
import { params, query } from "../http/Validate.js"

const tags = ["certificates"]
const IdParam = Schema.Struct({ id: Schema.String })
const CodeParam = Schema.Struct({ code: Schema.String })
const PdfParam = Schema.Struct({ file: Schema.String })
const LanguageQuery = Schema.Struct({
  language: Schema.optional(CertificateLanguage).annotations({ description: "bg (default) or en" }),
})

/** Where the printed address sends a reader: this server's public verification page. */
const verifyBase = (c: Context<AppEnv>) => `${new URL(c.req.url).origin}/verify/`

const fileResponses = (description: string) => ({
  200: {
    description,
    content: {
      [description.includes("ZIP") ? "application/zip" : "application/pdf"]: {
        schema: { type: "string" as const, format: "binary" },
      },
    },
  },
  ...problems(403, 404),
})

/** Runs a use case that makes a file and sends it as an attachment, or the problem it failed with. */
const sendFile = async <Err extends ApiError>(
  c: Context<AppEnv>,
  make: (
    s: Effect.Effect.Success<typeof Certificates>,
    principal: Principal,
  ) => E.Effect<CertificateFile, Err, AppServices>,
) => {
  return respondFile(
    c,
    Effect.flatMap(Certificates, (s) => make(s, c.var.principal)),
  )
}

/** `/v1/events/{id}/certificates…`: issue, list and print an event's certificates. */
export const eventCertificateRoutes = new Hono<AppEnv>()
  .post(
    "/:id/certificates",
    describeRoute({
      tags,
      summary: "Issue attendance certificates",
      description:
        "Issues a certificate to everyone who attended the event (at least one attended day, any role); a person who holds one keeps its code, so a repeat issues only to new attendees. Each newly issued certificate is in the audit log.",
      responses: {
        200: jsonResponse(IssuedCertificates, "Every certificate of the event"),
        ...problems(404),
      },
    }),
    requires("events", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Certificates.pipe(
          Effect.flatMap((s) => s.issue(c.var.principal, c.req.valid("param").id)),
          Effect.map(
            (items) =>
              new IssuedCertificates({ items: items.map((i) => ({ personId: i.personId, code: i.code })) }),
          ),
        ),
        IssuedCertificates,
      ),
  )
  .get(
    "/:id/certificates.pdf",
    describeRoute({
      tags,
      summary: "All of an event's certificates, one PDF",
      description:
        "One A4 page per certificate, in `language` (bg by default). Each holder printed is a `read_personal` audit entry. No certificate issued yet: 404 `NoCertificatesIssued`.",
      responses: fileResponses("The certificates, a page each (PDF)"),
    }),
    requires("events", "read"),
    requires("people", "read"),
    params(IdParam),
    query(LanguageQuery),
    (c) =>
      sendFile(c, (s, principal) =>
        s.eventPdf(principal, c.req.valid("param").id, {
          language: c.req.valid("query").language ?? "bg",
          verifyBase: verifyBase(c),
        }),
      ),
  )
  .get(
    "/:id/certificates.zip",
    describeRoute({
      tags,
      summary: "All of an event's certificates, one PDF per person in a ZIP",
      description: "As the PDF, but a file per holder, named by the holder and the code.",
      responses: fileResponses("The certificates (ZIP of PDFs)"),
    }),
    requires("events", "read"),
    requires("people", "read"),
    params(IdParam),
    query(LanguageQuery),
    (c) =>
      sendFile(c, (s, principal) =>
        s.eventZip(principal, c.req.valid("param").id, {
          language: c.req.valid("query").language ?? "bg",
          verifyBase: verifyBase(c),
        }),
      ),
  )
  .get(
    "/:id/certificates",
    describeRoute({
      tags,
      summary: "An event's certificates",
      description:
        "Codes by person (no names), and `allowedActions`: `issue` when the caller may issue, `download` when they may print.",
      responses: { 200: jsonResponse(CertificateList, "By person"), ...problems(404) },
    }),
    requires("events", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Certificates.pipe(Effect.flatMap((s) => s.list(c.var.principal, c.req.valid("param").id))),
        CertificateList,
      ),
  )

/** `/v1/certificates/{code}` (public) and `/v1/certificates/{code}.pdf`. */
export const certificateRoutes = (options: { readonly trustProxy: boolean }) =>
  new Hono<AppEnv>()
    .get(
      "/:file{[^/]+\\.pdf}",
      // hono-openapi would print the pattern into the path; the operation is described by
      // `certificatePdfPath` below instead.
      describeRoute({ hide: true }),
      requires("events", "read"),
      requires("people", "read"),
      params(PdfParam),
      query(LanguageQuery),
      (c) =>
        sendFile(c, (s, principal) =>
          s.certificatePdf(principal, c.req.valid("param").file.replace(/\.pdf$/, ""), {
            language: c.req.valid("query").language ?? "bg",
            verifyBase: verifyBase(c),
          }),
        ),
    )
    .get(
      "/:code",
      describeRoute({
        tags,
        summary: "Verify a certificate (public)",
        description:
          "No token needed. Whether the code is genuine, the event, and the holder's initials only. An unknown code: 404; unknown codes count against the address, and past the limit the answer is 429 with `Retry-After`.",
        security: [],
        responses: {
          200: jsonResponse(CertificateVerification, "The code is genuine"),
          ...problems(404),
          429: { description: "Too many unknown codes from this address; wait Retry-After seconds" },
        },
      }),
      params(CodeParam),
      (c) =>
        respond(
          c,
          Certificates.pipe(
            Effect.flatMap((s) => s.verify(c.req.valid("param").code, clientAddress(c, options.trustProxy))),
          ),
          CertificateVerification,
        ),
    )

/** The OpenAPI path of `GET /v1/certificates/{code}.pdf`, which the generator cannot name itself. */
export const certificatePdfPath = {
  "/v1/certificates/{code}.pdf": {
    get: {
      tags,
      summary: "One certificate's PDF",
      description:
        "The certificate the code names, in `language` (bg by default); a `read_personal` audit entry. Needs the rights to read events and people.",
      parameters: [
        { name: "code", in: "path" as const, required: true, schema: { type: "string" as const } },
        {
          name: "language",
          in: "query" as const,
          required: false,
          schema: { type: "string" as const, enum: ["bg", "en"] },
        },
      ],
      responses: {
        200: {
          description: "The certificate (PDF)",
          content: { "application/pdf": { schema: { type: "string" as const, format: "binary" } } },
        },
        401: { description: "Missing or invalid token" },
        403: { description: "The token does not allow this" },
        404: { description: "No certificate has the code, or it is outside the caller's projects" },
      },
    },
  },
}
