/**
 * `/v1/people`: the people projects reach, search in either script, possible duplicates,
 * merges that can be undone (`POST /{id}/merge`, undone by `POST /{id}/unmerge`), and (from
 * privacy.ts) a person's export and erasure. Every person answered carries `allowedActions`.
 * @module
 */
import { People, type PersonRow } from "@coordina/app"
import {
  DuplicateDismissal,
  DuplicateDismissalRequest,
  DuplicatePage,
  MergeRequest,
  NewPerson,
  ParticipationPage,
  PersonPage,
  PersonView,
} from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import {
  type ExportLayout,
  ExportQueryFields,
  exportableResponse,
  exportFormatOf,
  respondExport,
} from "../http/Export.js"
import { requires } from "../http/Policy.js"
import { respond, respondEmpty } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"
import { personPrivacyRoutes } from "./privacy.js"

const IdParam = Schema.Struct({ id: Schema.String })
const SearchQuery = Schema.Struct({
  ...PageQuery.fields,
  ids: Schema.optional(
    Schema.split(",")
      .pipe(Schema.compose(Schema.Array(Schema.String.pipe(Schema.minLength(1))).pipe(Schema.maxItems(500))))
      .annotations({
        description:
          "Up to 500 ids, comma-separated: these people (merged records too), for showing names in lists",
      }),
  ),
  q: Schema.optional(
    Schema.String.annotations({
      description:
        "Words of the name in Cyrillic or Latin: `petrova` finds Петрова and `Иванов` finds Ivanov",
    }),
  ),
  ...ExportQueryFields,
})

/** The people list's columns, as a file. */
const peopleLayout: ExportLayout<PersonRow> = {
  filename: "people",
  sheetName: "People",
  columns: [
    { header: { bg: "Собствено име", en: "Given name" }, value: (p) => p.givenName },
    { header: { bg: "Фамилия", en: "Family name" }, value: (p) => p.familyName },
    { header: { bg: "Институция", en: "Institution" }, value: (p) => p.institution, width: 40 },
    { header: { bg: "Имейл", en: "Email" }, value: (p) => p.email, width: 30 },
    { header: { bg: "Телефон", en: "Phone" }, value: (p) => p.phone },
    { header: { bg: "Идентификатор", en: "Id" }, value: (p) => p.id, width: 24 },
  ],
}
const tags = ["people"]

/** The people routes proper (records, search, duplicates, merges). */
const personRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create a person",
      description: "An email already on file (trimmed, lower-cased) answers 409 with `existingId`.",
      responses: { 201: jsonResponse(PersonView, "The person"), ...problems(400, 404, 409) },
    }),
    requires("people", "write"),
    body(NewPerson),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) => s.create(c.var.principal, c.req.valid("json"))),
        PersonView,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List or search people",
      description:
        "Surviving records only (not those merged into another), with the count of all that match. With `format=csv|xlsx` (or `Accept: text/csv`) every match as a file with the list's columns.",
      responses: {
        200: exportableResponse(jsonResponse(PersonPage, "A page of people, or all of them as a file")),
        ...problems(400),
      },
    }),
    requires("people", "read"),
    query(SearchQuery),
    (c) => {
      const { format: _f, lang: _l, ...search } = c.req.valid("query")
      const format = exportFormatOf(c)
      if (format && !search.ids)
        return respondExport(
          c,
          format,
          Effect.flatMap(People, (s) => s.rows(search.q)),
          peopleLayout,
        )
      return respond(
        c,
        Effect.flatMap(People, (s) => s.search(c.var.principal, search)),
        PersonPage,
      )
    },
  )
  .get(
    "/duplicates",
    describeRoute({
      tags,
      summary: "Possible duplicates to review",
      description:
        "Records that share a normalised name at more than one institution: never merged on their own; a person confirms and merges.",
      responses: { 200: jsonResponse(DuplicatePage, "A page of groups, by name"), ...problems(400) },
    }),
    requires("people", "read"),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) => s.duplicates(c.var.principal, c.req.valid("query"))),
        DuplicatePage,
      ),
  )
  .post(
    "/duplicates/dismissals",
    describeRoute({
      tags,
      summary: "Dismiss a possible-duplicate pair as two people",
      description:
        "The two records are no longer offered as possible duplicates of each other (a group keeps a record while it pairs with another, and says which pairs are dismissed). Audited as `dismiss_duplicate`; dismissing a dismissed pair answers the first dismissal and changes nothing. Undo with `DELETE`. 404 when a record does not exist.",
      responses: { 200: jsonResponse(DuplicateDismissal, "The dismissal"), ...problems(400, 404) },
    }),
    requires("people", "write"),
    body(DuplicateDismissalRequest),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) => s.dismissDuplicate(c.var.principal, c.req.valid("json").personIds)),
        DuplicateDismissal,
      ),
  )
  .delete(
    "/duplicates/dismissals",
    describeRoute({
      tags,
      summary: "Undo the dismissal of a possible-duplicate pair",
      description:
        "The body names the pair, in any order, as for `POST`. The pair is offered as a possible duplicate again; audited as `undo_dismiss_duplicate`. 404 DuplicateDismissalNotFound when the pair is not dismissed.",
      responses: { 204: { description: "The pair is a possible duplicate again" }, ...problems(400, 404) },
    }),
    requires("people", "write"),
    body(DuplicateDismissalRequest),
    (c) =>
      respondEmpty(
        c,
        Effect.flatMap(People, (s) => s.undoDismissal(c.var.principal, c.req.valid("json").personIds)),
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a person",
      description: "A merged record is still readable; `mergedInto` names its survivor.",
      responses: { 200: jsonResponse(PersonView, "The person"), ...problems(404) },
    }),
    requires("people", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) => s.get(c.var.principal, c.req.valid("param").id)),
        PersonView,
      ),
  )
  .get(
    "/:id/participations",
    describeRoute({
      tags,
      summary: "List a person's participations",
      description:
        "Every event the person (or a record merged into them) took part in, in projects the caller may see.",
      responses: { 200: jsonResponse(ParticipationPage, "A page of participations"), ...problems(400, 404) },
    }),
    requires("events", "read"),
    params(IdParam),
    query(PageQuery),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) =>
          s.participations(c.var.principal, c.req.valid("param").id, c.req.valid("query")),
        ),
        ParticipationPage,
      ),
  )
  .post(
    "/:id/merge",
    describeRoute({
      tags,
      summary: "Merge this record into another",
      description:
        "Every participation and dissemination mention of both records stays; reach counts them as the survivor. Undo with `POST /v1/people/{id}/unmerge`. 409 MergeRefused for a record merged into itself, twice, or into a merged record.",
      responses: {
        200: jsonResponse(PersonView, "The merged record, with mergedInto"),
        ...problems(400, 404, 409),
      },
    }),
    requires("people", "write"),
    params(IdParam),
    body(MergeRequest),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) =>
          s.merge(c.var.principal, c.req.valid("param").id, c.req.valid("json").intoPersonId),
        ),
        PersonView,
      ),
  )
  .post(
    "/:id/unmerge",
    describeRoute({
      tags,
      summary: "Undo the merge of this record",
      description: "The record counts as itself again, with everything it had. 409 when it is not merged.",
      responses: { 200: jsonResponse(PersonView, "The record, no longer merged"), ...problems(404, 409) },
    }),
    requires("people", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        Effect.flatMap(People, (s) => s.unmerge(c.var.principal, c.req.valid("param").id)),
        PersonView,
      ),
  )

/**
 * The people sub-app, mounted at `/v1/people`: the records and their export and erasure (which
 * needs the erasure salt, `COORDINA_PSEUDONYM_SALT`; without it erasure answers 503).
 */
export const peopleRoutes = (pseudonymSalt: string | undefined) =>
  new Hono<AppEnv>().route("/", personRoutes).route("/", personPrivacyRoutes(pseudonymSalt))
