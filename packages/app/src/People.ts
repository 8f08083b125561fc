/**
 * The people projects reach: create, search in either script, possible duplicates, merges that
 * can be undone, and a person's participations in the caller's projects. Every person answered
 * carries what the caller may do with it, decided by the access policy; every answer that
 * carries a person's names, email or phone is audited as a read of personal data.
 * @module
 */
import {
  type DuplicateGroupView,
  isErased,
  type NewPerson,
  type Person,
  personActions,
  PersonNotFound,
  type PersonView,
  type Principal,
  projectScope,
} from "@coordina/domain"
import {
  InstitutionsRepository,
  type Page,
  type PageRequest,
  DuplicateDismissalsRepository,
  ParticipationsRepository,
  PeopleRepository,
} from "@coordina/store"
import { Chunk, Context, Effect, Layer, Option, Stream } from "effect"
import { Ids } from "./Ids.js"
import { Outbox } from "./Outbox.js"
import { createAudited, transaction } from "./Transaction.js"
import { audit, captureWrites } from "./UseCase.js"

/** A person search: these ids (merged records too), or the surviving records matching `q`. */
export interface PeopleQuery extends PageRequest {
  readonly ids?: ReadonlyArray<string> | undefined
  readonly q?: string | undefined
}

/** A person as the people list shows them, for a file: the institution by name. */
export interface PersonRow {
  readonly id: string
  readonly givenName: string
  readonly familyName: string
  readonly institution: string
  readonly email?: string | undefined
  readonly phone?: string | undefined
}

/** A person as the caller sees it: the record and what the caller may do with it. */
export const personView = (principal: Principal, person: Person): PersonView => ({
  ...person,
  allowedActions: personActions(principal, person),
})

const make = Effect.gen(function* () {
  const people = yield* PeopleRepository
  const institutions = yield* InstitutionsRepository
  const participations = yield* ParticipationsRepository
  const dismissals = yield* DuplicateDismissalsRepository
  const ids = yield* Ids
  const writes = yield* captureWrites
  const outbox = yield* Outbox
  const view = (principal: Principal) => (p: Person) => personView(principal, p)

  /**
   * A person's names, email and phone are personal data: each record an answer carries gets its
   * own `read_personal` entry, so the log answers "who read this person" by entity. An erased
   * record holds no personal data any more, so reading it is not logged as such a read.
   */
  const readPersonal = (principal: Principal, read: ReadonlyArray<Person>) =>
    writes(
      transaction(
        Effect.forEach(
          read.filter((p) => !isErased(p)),
          (p) => audit({ actor: principal.id, action: "read_personal", entity: `person:${p.id}` }),
          { discard: true },
        ),
      ),
    )

  /** Creates a person (audited); an email on file fails with the record holding it. */
  const create = Effect.fn("People.create")(function* (principal: Principal, input: NewPerson) {
    const id = yield* ids.next("per")
    const created = yield* writes(createAudited(principal.id, "person", people.create(input, id)))
    return personView(principal, created)
  })

  /** The people with the given ids, or a page of surviving records matching the search. */
  const search = Effect.fn("People.search")(function* (principal: Principal, query: PeopleQuery) {
    const { ids: wanted, ...rest } = query
    const page: Page<Person> = wanted
      ? { items: yield* people.getMany(wanted), nextCursor: null }
      : yield* people.list(rest)
    yield* readPersonal(principal, page.items)
    return {
      items: page.items.map(view(principal)),
      nextCursor: page.nextCursor,
      total: page.total ?? page.items.length,
    } satisfies Page<PersonView>
  })

  /** A page of possible duplicates to review, by name. */
  const duplicates = Effect.fn("People.duplicates")(function* (principal: Principal, page: PageRequest) {
    const found = yield* people.duplicates(page)
    yield* readPersonal(
      principal,
      found.items.flatMap((g) => g.people),
    )
    return {
      items: found.items.map((g) => ({
        nameKey: g.nameKey,
        people: g.people.map(view(principal)),
        dismissedPairs: g.dismissedPairs,
      })),
      nextCursor: found.nextCursor,
    } satisfies Page<DuplicateGroupView>
  })

  /** One person, merged records too. */
  const get = Effect.fn("People.get")(function* (principal: Principal, id: string) {
    const person = yield* people.get(id)
    yield* readPersonal(principal, [person])
    return personView(principal, person)
  })

  /** A page of a person's participations in the projects the caller may see (filtered in the query). */
  const participationsOf = Effect.fn("People.participations")(function* (
    principal: Principal,
    id: string,
    page: PageRequest,
  ) {
    yield* people.get(id)
    const found = yield* participations.listByPerson(id, { ...page, scope: projectScope(principal) })
    return { items: found.items.map((row) => row.participation), nextCursor: found.nextCursor }
  })

  /** Merges a record into another (audited; undone by {@link unmerge}). */
  const merge = Effect.fn("People.merge")(function* (principal: Principal, id: string, intoPersonId: string) {
    const mergeId = yield* ids.next("mrg")
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const before = yield* people.get(id)
          const after = yield* people.merge(id, intoPersonId, mergeId)
          yield* outbox.publish("person.merged", { personId: id, intoPersonId })
          yield* audit({
            actor: principal.id,
            action: "merge",
            entity: `person:${id}`,
            before,
            after: { ...after, intoPersonId },
          })
          return personView(principal, after)
        }),
      ),
    )
  })

  /** Undoes the merge of a record (audited). */
  const unmerge = Effect.fn("People.unmerge")(function* (principal: Principal, id: string) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const before = yield* people.get(id)
          const after = yield* people.unmerge(id)
          yield* audit({ actor: principal.id, action: "unmerge", entity: `person:${id}`, before, after })
          return personView(principal, after)
        }),
      ),
    )
  })

  /**
   * Says two records are two different people: the pair is no longer offered as a possible
   * duplicate (audited on the first record of the pair, in id order, naming both). Dismissing
   * a dismissed pair again changes nothing and writes nothing.
   */
  const dismissDuplicate = Effect.fn("People.dismissDuplicate")(function* (
    principal: Principal,
    personIds: readonly [string, string],
  ) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          yield* people.getMany(personIds).pipe(
            Effect.flatMap((found) => {
              const missing = personIds.find((id) => !found.some((p) => p.id === id))
              return missing === undefined
                ? Effect.void
                : Effect.fail(new PersonNotFound({ personId: missing }))
            }),
          )
          const before = yield* dismissals.get(personIds)
          if (before) return before
          const after = yield* dismissals.dismiss(personIds, principal.id)
          yield* audit({
            actor: principal.id,
            action: "dismiss_duplicate",
            entity: `person:${after.personIds[0]}`,
            after,
          })
          return after
        }),
      ),
    )
  })

  /** Takes back a dismissal: the pair is offered as a possible duplicate again (audited). */
  const undoDismissal = Effect.fn("People.undoDismissal")(function* (
    principal: Principal,
    personIds: readonly [string, string],
  ) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const before = yield* dismissals.undo(personIds)
          yield* audit({
            actor: principal.id,
            action: "undo_dismiss_duplicate",
            entity: `person:${before.personIds[0]}`,
            before,
          })
          return before
        }),
      ),
    )
  })

  /** Every surviving person matching `q`, as a stream read 500 at a time: the list, for a file. */
  const rows = (q: string | undefined) => {
    const page = (cursor: string | undefined) =>
      Effect.gen(function* () {
        const found = yield* people.list({ q, cursor, limit: 500 })
        const names = new Map(
          (yield* institutions.getMany(found.items.map((p) => p.institutionId))).map((i) => [
            i.id as string,
            i.name as string,
          ]),
        )
        const out = found.items.map(
          (p): PersonRow => ({
            id: p.id,
            givenName: p.givenName,
            familyName: p.familyName,
            institution: names.get(p.institutionId) ?? p.institutionId,
            email: p.email,
            phone: p.phone,
          }),
        )
        return [Chunk.fromIterable(out), Option.fromNullable(found.nextCursor ?? undefined)] as const
      })
    return Effect.succeed(Stream.paginateChunkEffect(undefined as string | undefined, page))
  }

  return {
    create,
    search,
    rows,
    duplicates,
    dismissDuplicate,
    undoDismissal,
    get,
    participations: participationsOf,
    merge,
    unmerge,
  } as const
})

/** The people use cases. */
export class People extends Context.Tag("@coordina/app/People")<
  People,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the audit log and the ids. */
  static readonly layer = Layer.effect(People, make)
}
