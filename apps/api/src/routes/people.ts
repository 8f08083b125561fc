/**
 * `/v1/people`: the people projects reach, search in either script, possible duplicates,
 * and merges that can be undone (`POST /{id}/merge`, undone by `POST /{id}/unmerge`).
 * @module
 */
import { NewPerson, Participation, Person } from "@coordina/domain"
import { AuditLog, ParticipationsRepository, PeopleRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import { createAudited, transaction } from "@coordina/app"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, PageOf, PageQuery, problems } from "../http/Docs.js"
import { canSeeProject, requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const PersonPage = PageOf(Person, "PersonPage")
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
})
const DuplicateGroup = Schema.Struct({
  nameKey: Schema.String.annotations({ description: "The normalised name the records share" }),
  people: Schema.Array(Person),
}).annotations({ identifier: "DuplicateGroup" })
const DuplicatePage = PageOf(DuplicateGroup, "DuplicatePage")
const MergeBody = Schema.Struct({ intoPersonId: Schema.String }).annotations({ identifier: "MergeRequest" })
const ParticipationPage = PageOf(Participation, "ParticipationPage")
const tags = ["people"]

/** The people sub-app, mounted at `/v1/people`. */
export const peopleRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create a person",
      description: "An email already on file (trimmed, lower-cased) answers 409 with `existingId`.",
      responses: { 201: jsonResponse(Person, "The person"), ...problems(400, 404, 409) },
    }),
    requires("people", "write"),
    body(NewPerson),
    (c) =>
      respond(
        c,
        createAudited(
          c.var.principal.id,
          "person",
          Effect.flatMap(PeopleRepository, (repo) => repo.create(c.req.valid("json"))),
        ),
        Person,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List or search people",
      description: "Surviving records only (not those merged into another).",
      responses: { 200: jsonResponse(PersonPage, "A page of people"), ...problems(400) },
    }),
    requires("people", "read"),
    query(SearchQuery),
    (c) => {
      const { ids, ...search } = c.req.valid("query")
      return respond(
        c,
        PeopleRepository.pipe(
          Effect.flatMap((r) =>
            ids ? r.getMany(ids).pipe(Effect.map((items) => ({ items, nextCursor: null }))) : r.list(search),
          ),
        ),
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
        PeopleRepository.pipe(Effect.flatMap((r) => r.duplicates(c.req.valid("query")))),
        DuplicatePage,
      ),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a person",
      description: "A merged record is still readable; `mergedInto` names its survivor.",
      responses: { 200: jsonResponse(Person, "The person"), ...problems(404) },
    }),
    requires("people", "read"),
    params(IdParam),
    (c) => respond(c, PeopleRepository.pipe(Effect.flatMap((r) => r.get(c.req.valid("param").id))), Person),
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
        Effect.gen(function* () {
          const { id } = c.req.valid("param")
          yield* (yield* PeopleRepository).get(id)
          const page = yield* (yield* ParticipationsRepository).listByPerson(id, c.req.valid("query"))
          return {
            items: page.items
              .filter((row) => canSeeProject(c.var.principal, row.projectId))
              .map((row) => row.participation),
            nextCursor: page.nextCursor,
          }
        }),
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
        200: jsonResponse(Person, "The merged record, with mergedInto"),
        ...problems(400, 404, 409),
      },
    }),
    requires("people", "write"),
    params(IdParam),
    body(MergeBody),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const { intoPersonId } = c.req.valid("json")
            const repo = yield* PeopleRepository
            const before = yield* repo.get(id)
            const after = yield* repo.merge(id, intoPersonId)
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "merge",
              entity: `person:${id}`,
              before,
              after: { ...after, intoPersonId },
            })
            return after
          }),
        ),
        Person,
      ),
  )
  .post(
    "/:id/unmerge",
    describeRoute({
      tags,
      summary: "Undo the merge of this record",
      description: "The record counts as itself again, with everything it had. 409 when it is not merged.",
      responses: { 200: jsonResponse(Person, "The record, no longer merged"), ...problems(404, 409) },
    }),
    requires("people", "write"),
    params(IdParam),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const repo = yield* PeopleRepository
            const before = yield* repo.get(id)
            const after = yield* repo.unmerge(id)
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "unmerge",
              entity: `person:${id}`,
              before,
              after,
            })
            return after
          }),
        ),
        Person,
      ),
  )
