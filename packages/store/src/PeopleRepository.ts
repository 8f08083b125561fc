/**
 * People, their matching keys, possible duplicates, and merges that can be undone.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  EmailTaken,
  type Gender,
  InstitutionNotFound,
  type MatchCandidate,
  type MatchInput,
  matchPerson,
  MergeRefused,
  mergeRefusal,
  type NewPerson,
  normaliseEmail,
  Person,
  PersonNotFound,
  personKeys,
  possibleDuplicateGroups,
  duplicatePairKey,
  orderedPair,
  withoutDismissedPairs,
  findsNobody,
  searchTerms,
  survivorOf,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { dismissedAmong } from "./DuplicateDismissalsRepository.js"
import { newId } from "./Ids.js"
import { nameSearchCondition } from "./RuleSql.js"
import { int, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Person)

/** A people row as the domain's `Person`. */
export const personFromRow = (r: Record<string, unknown>): Person =>
  decode({
    id: r.id,
    givenName: r.givenName,
    familyName: r.familyName,
    ...opt("email", r.email),
    ...opt("phone", r.phone),
    ...opt("gender", r.gender),
    institutionId: r.institutionId,
    ...opt("mergedInto", r.mergedInto),
    version: int(r.version),
  })

const candidateFromRow = (r: Record<string, unknown>): MatchCandidate => ({
  id: String(r.id),
  nameKey: String(r.nameKey),
  emailKey: r.emailKey == null ? undefined : String(r.emailKey),
  institutionId: String(r.institutionId),
})

/** Possible duplicates: one name at several institutions, with the records. */
export interface DuplicateGroupWithPeople {
  readonly nameKey: string
  readonly people: ReadonlyArray<Person>
  /** Pairs of these records dismissed as two people, in id order. */
  readonly dismissedPairs: ReadonlyArray<readonly [string, string]>
}

/** Blank fields of a person that a later source (a sheet, a form) may fill in. */
export interface PersonBlanks {
  readonly email?: string | undefined
  readonly phone?: string | undefined
  readonly gender?: Gender | undefined
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const findRow = (id: string) => sql`SELECT * FROM people WHERE id = ${id}`.pipe(Effect.orDie)

  const get = Effect.fn("PeopleRepository.get")(function* (id: string) {
    const rows = yield* findRow(id)
    if (!rows[0]) return yield* new PersonNotFound({ personId: id })
    return personFromRow(rows[0])
  })

  /** The people with the given ids that exist, in no particular order. */
  const getMany = Effect.fn("PeopleRepository.getMany")(function* (ids: ReadonlyArray<string>) {
    const unique = [...new Set(ids)]
    const out: Array<Person> = []
    for (let i = 0; i < unique.length; i += 500) {
      const rows = yield* sql`SELECT * FROM people WHERE ${sql.in("id", unique.slice(i, i + 500))}`.pipe(
        Effect.orDie,
      )
      out.push(...rows.map(personFromRow))
    }
    return out as ReadonlyArray<Person>
  })

  /** The surviving record a person counts as. */
  const survivor = Effect.fn("PeopleRepository.survivor")(function* (id: string) {
    const rows = yield* sql`SELECT survivor_id FROM people WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new PersonNotFound({ personId: id })
    return String(rows[0].survivorId)
  })

  const emailOwner = (emailKey: string) =>
    sql`SELECT id, survivor_id FROM people WHERE email_key = ${emailKey}`.pipe(
      Effect.orDie,
      Effect.map((rows) => (rows[0] ? String(rows[0].survivorId) : undefined)),
    )

  const requireInstitution = (id: string) =>
    sql`SELECT id FROM institutions WHERE id = ${id}`.pipe(
      Effect.orDie,
      Effect.flatMap((rows) =>
        rows[0] ? Effect.void : Effect.fail(new InstitutionNotFound({ institutionId: id })),
      ),
    )

  /**
   * Creates a person under `id` (a new one when none is given); an email already on file (any
   * spelling) fails with the record holding it.
   */
  const create = Effect.fn("PeopleRepository.create")(function* (input: NewPerson, id = newId("per")) {
    const keys = personKeys(input)
    if (keys.emailKey) {
      const owner = yield* emailOwner(keys.emailKey)
      if (owner) return yield* new EmailTaken({ email: keys.emailKey, existingId: owner })
    }
    yield* requireInstitution(input.institutionId)
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO people ${sql.insert({
      id,
      givenName: input.givenName,
      familyName: input.familyName,
      nameKey: keys.nameKey,
      email: input.email?.trim() ?? null,
      emailKey: keys.emailKey ?? null,
      phone: input.phone ?? null,
      gender: input.gender ?? null,
      institutionId: input.institutionId,
      mergedInto: null,
      survivorId: id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * Fills the blank fields of a person from a later source; a field already on file is never
   * overwritten, and an email held by someone else fails with EmailTaken.
   */
  const fillBlanks = Effect.fn("PeopleRepository.fillBlanks")(function* (id: string, blanks: PersonBlanks) {
    const current = yield* get(id)
    const emailKey = normaliseEmail(blanks.email)
    const set: Record<string, string> = {}
    if (current.email === undefined && emailKey) {
      const owner = yield* emailOwner(emailKey)
      if (owner && owner !== id) return yield* new EmailTaken({ email: emailKey, existingId: owner })
      set.email = blanks.email!.trim()
      set.emailKey = emailKey
    }
    if (current.phone === undefined && blanks.phone?.trim()) set.phone = blanks.phone.trim()
    if (current.gender === undefined && blanks.gender) set.gender = blanks.gender
    if (Object.keys(set).length === 0) return current
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`UPDATE people SET ${sql.update({ ...set, updatedAt: now })}, version = version + 1 WHERE id = ${id}`.pipe(
      Effect.orDie,
    )
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * The surviving records someone could match: those sharing their email (resolved to the
   * survivor when the email is on a merged record) or their normalised full name.
   */
  const candidates = Effect.fn("PeopleRepository.candidates")(function* (input: {
    readonly givenName: string
    readonly familyName: string
    readonly email?: string | undefined
  }) {
    const keys = personKeys(input)
    const byName = yield* sql`
      SELECT id, name_key, email_key, institution_id FROM people
      WHERE name_key = ${keys.nameKey} AND merged_into IS NULL ORDER BY id`.pipe(Effect.orDie)
    const out = byName.map(candidateFromRow)
    if (keys.emailKey) {
      const owner = yield* emailOwner(keys.emailKey)
      if (owner && !out.some((c) => c.id === owner)) {
        const rows =
          yield* sql`SELECT id, name_key, email_key, institution_id FROM people WHERE id = ${owner}`.pipe(
            Effect.orDie,
          )
        // The survivor answers for the email even when the address sits on a merged record.
        out.push(...rows.map((r) => ({ ...candidateFromRow(r), emailKey: keys.emailKey })))
      }
    }
    return out as ReadonlyArray<MatchCandidate>
  })

  /** Matches someone against the people on file by the domain's rules. */
  const match = Effect.fn("PeopleRepository.match")(function* (input: MatchInput) {
    return matchPerson(input, yield* candidates(input))
  })

  /**
   * A page of surviving records by id; `q` keeps those whose name contains every word of it,
   * Cyrillic or Latin (the domain's `matchesSearch`, in SQL).
   */
  const list = Effect.fn("PeopleRepository.list")(function* (
    options: PageRequest & { readonly q?: string | undefined; readonly includeMerged?: boolean },
  ) {
    const limit = pageSize(options.limit)
    if (findsNobody(options.q ?? "")) return { items: [], nextCursor: null, total: 0 } satisfies Page<Person>
    const terms = searchTerms(options.q ?? "")
    const matching = [
      options.includeMerged ? sql`1 = 1` : sql`merged_into IS NULL`,
      ...(terms.length > 0 ? [nameSearchCondition(sql, "name_key", terms)] : []),
    ]
    const conditions = [options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`, ...matching]
    const rows =
      yield* sql`SELECT * FROM people WHERE ${sql.and(conditions)} ORDER BY id LIMIT ${limit + 1}`.pipe(
        Effect.orDie,
      )
    const [counted] = yield* sql`SELECT COUNT(*) AS n FROM people WHERE ${sql.and(matching)}`.pipe(
      Effect.orDie,
    )
    return { ...toPage(rows.map(personFromRow), limit), total: int(counted?.n) } satisfies Page<Person>
  })

  /**
   * Possible duplicates to review: surviving records sharing a normalised name at more than one
   * institution, without the pairs dismissed as two people, a page of names at a time (the
   * cursor is the last name key). Dismissals can empty a name, so names are read in batches
   * until the page is full: a page is short only when nothing is left after it.
   */
  const duplicates = Effect.fn("PeopleRepository.duplicates")(function* (options: PageRequest) {
    const limit = pageSize(options.limit)
    const found: Array<DuplicateGroupWithPeople> = []
    let cursor = options.cursor
    let more = true
    while (more && found.length <= limit) {
      const keys = (yield* sql`
        SELECT name_key FROM people
        WHERE merged_into IS NULL AND ${cursor ? sql`name_key > ${cursor}` : sql`1 = 1`}
        GROUP BY name_key HAVING COUNT(DISTINCT institution_id) > 1
        ORDER BY name_key LIMIT ${limit + 1}`.pipe(Effect.orDie)).map((r) => String(r.nameKey))
      more = keys.length > limit
      if (keys.length === 0) break
      cursor = keys.at(-1)
      const rows = yield* sql`
        SELECT * FROM people WHERE merged_into IS NULL AND ${sql.in("name_key", keys)} ORDER BY id`.pipe(
        Effect.orDie,
      )
      const people = new Map(rows.map((r) => [String(r.id), personFromRow(r)]))
      const dismissed = yield* dismissedAmong(sql, [...people.keys()]).pipe(Effect.orDie)
      const groups = new Map(
        withoutDismissedPairs(possibleDuplicateGroups(rows.map(candidateFromRow)), dismissed).map((g) => [
          g.nameKey,
          g,
        ]),
      )
      // In the database's order of names, which the cursor follows.
      for (const key of keys) {
        const group = groups.get(key)
        if (!group) continue
        found.push({
          nameKey: key,
          people: group.personIds.map((id) => people.get(id)!),
          dismissedPairs: group.personIds.flatMap((a, i) =>
            group.personIds
              .slice(i + 1)
              .filter((b) => dismissed.has(duplicatePairKey(a, b)))
              .map((b) => orderedPair(a, b)),
          ),
        })
      }
    }
    const items = found.slice(0, limit)
    return {
      items,
      nextCursor: found.length > limit ? (items.at(-1)?.nameKey ?? null) : null,
    } satisfies Page<DuplicateGroupWithPeople>
  })

  /** Recomputes the survivor of every record in the tree that now ends at `root`. */
  const resettle = (root: string) =>
    Effect.gen(function* () {
      const tree = yield* sql`SELECT id, merged_into, survivor_id FROM people WHERE survivor_id = ${root}`
      const links = new Map(
        tree.map((r) => [String(r.id), r.mergedInto == null ? undefined : String(r.mergedInto)]),
      )
      for (const r of tree) {
        const next = survivorOf(String(r.id), (id) => links.get(id))
        if (next !== r.survivorId)
          yield* sql`UPDATE people SET survivor_id = ${next} WHERE id = ${String(r.id)}`
      }
    })

  /**
   * Merges a record into another: every participation and mention of both stays where it is,
   * and reach counts them as the survivor's. Undo with {@link unmerge}.
   */
  const merge = Effect.fn("PeopleRepository.merge")(function* (
    personId: string,
    intoPersonId: string,
    mergeId = newId("mrg"),
  ) {
    const person = yield* get(personId)
    const into = yield* get(intoPersonId)
    const refusal = mergeRefusal(person, into)
    if (refusal) return yield* new MergeRefused({ personId, intoPersonId, message: refusal })
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          yield* sql`UPDATE people SET merged_into = ${intoPersonId}, version = version + 1, updated_at = ${now}
                     WHERE id = ${personId}`
          yield* sql`UPDATE people SET survivor_id = ${intoPersonId} WHERE survivor_id = ${personId}`
          yield* sql`INSERT INTO person_merges ${sql.insert({
            id: mergeId,
            personId,
            intoPersonId,
            mergedAt: now,
            undoneAt: null,
          })}`
        }),
      )
      .pipe(Effect.orDie)
    return yield* get(personId).pipe(Effect.orDie)
  })

  /** Undoes the merge of a record: it counts as itself again, with everything it had. */
  const unmerge = Effect.fn("PeopleRepository.unmerge")(function* (personId: string) {
    const person = yield* get(personId)
    if (person.mergedInto === undefined)
      return yield* new MergeRefused({ personId, message: "This person is not merged into anyone." })
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          const root = String(
            (yield* sql`SELECT survivor_id FROM people WHERE id = ${personId}`)[0]!.survivorId,
          )
          yield* sql`UPDATE people SET merged_into = NULL, version = version + 1, updated_at = ${now}
                     WHERE id = ${personId}`
          yield* resettle(root)
          yield* sql`UPDATE person_merges SET undone_at = ${now}
                     WHERE person_id = ${personId} AND undone_at IS NULL`
        }),
      )
      .pipe(Effect.orDie)
    return yield* get(personId).pipe(Effect.orDie)
  })

  return {
    get,
    getMany,
    survivor,
    create,
    fillBlanks,
    candidates,
    match,
    list,
    duplicates,
    merge,
    unmerge,
  } as const
})

/** Stores people. */
export class PeopleRepository extends Context.Tag("@coordina/store/PeopleRepository")<
  PeopleRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(PeopleRepository, make)
}
