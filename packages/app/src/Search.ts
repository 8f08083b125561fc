/**
 * Finding anything from the header's one box, and the beneficiaries list: each kind of record
 * only for callers whose rights cover it, in their scope; a beneficiary's name is matched and
 * shown only to roles that may read personal data, and every answer that carries a name is
 * audited as a read of personal data in the same transaction.
 * @module
 */
import {
  type BeneficiaryPage,
  beneficiaryActions,
  municipalityScope,
  type Principal,
  projectScope,
  type SearchHit,
  type SearchKind,
  type SearchResults,
  searchesBeneficiaryNames,
  searchKindsFor,
} from "@coordina/domain"
import {
  AgreementsRepository,
  AuditLog,
  type FoundBeneficiary,
  InstitutionsRepository,
  type PageRequest,
  PeopleRepository,
  SearchRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { Today } from "./Today.js"
import { transaction } from "./Transaction.js"

/** How many hits of each kind a search answers unless told otherwise. */
export const defaultHitsPerKind = 5

/** A name as people read it: given name, then family name. */
const fullName = (p: { readonly givenName: string; readonly familyName: string }) =>
  `${p.givenName} ${p.familyName}`

const make = Effect.gen(function* () {
  const search = yield* SearchRepository
  const people = yield* PeopleRepository
  const institutions = yield* InstitutionsRepository
  const agreements = yield* AgreementsRepository
  const audit = yield* AuditLog
  const clock = yield* Today

  const readPersonal = (principal: Principal, entities: ReadonlyArray<string>) =>
    Effect.forEach(
      entities,
      (entity) => audit.record({ actor: principal.id, action: "read_personal", entity }),
      {
        discard: true,
      },
    )

  /** Beneficiaries in the caller's scope, names only for roles that may read them (audited). */
  const findBeneficiaries = (principal: Principal, page: PageRequest & { readonly q?: string | undefined }) =>
    Effect.gen(function* () {
      const found = yield* search.beneficiaries({
        ...page,
        names: searchesBeneficiaryNames(principal),
        municipalityIds: municipalityScope(principal),
      })
      yield* readPersonal(
        principal,
        found.items.filter((b) => b.personal !== undefined).map((b) => `beneficiary:${b.case.id}`),
      )
      return found
    })

  const beneficiaryHit = (b: FoundBeneficiary): SearchHit => ({
    kind: "beneficiary",
    id: b.case.id,
    label: b.case.pseudonym,
    ...(b.personal ? { detail: fullName(b.personal) } : {}),
  })

  /** The agreements of the beneficiaries found, in the caller's municipalities. */
  const agreementHits = (principal: Principal, found: ReadonlyArray<FoundBeneficiary>, limit: number) =>
    Effect.gen(function* () {
      const scope = municipalityScope(principal)
      const asOf = yield* clock.date
      const hits: Array<SearchHit> = []
      for (const b of found) {
        const page = yield* agreements.list({
          beneficiaryId: b.case.id,
          asOf,
          limit,
          ...(scope === "all" ? {} : { municipalityIds: scope }),
        })
        for (const a of page.items)
          hits.push({ kind: "agreement", id: a.id, label: b.case.pseudonym, detail: a.state })
      }
      return hits.slice(0, limit)
    })

  /** Every kind of record the caller may read whose name, pseudonym or title matches `q`. */
  const find = Effect.fn("Search.find")(function* (
    principal: Principal,
    q: string,
    limit = defaultHitsPerKind,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const kinds = new Set<SearchKind>(searchKindsFor(principal))
        const items: Array<SearchHit> = []
        if (kinds.has("person")) {
          const found = yield* people.list({ q, limit })
          yield* readPersonal(
            principal,
            found.items.map((p) => `person:${p.id}`),
          )
          for (const p of found.items)
            items.push({
              kind: "person",
              id: p.id,
              label: fullName(p),
              ...(p.email ? { detail: p.email } : {}),
            })
        }
        const beneficiaries =
          kinds.has("beneficiary") || kinds.has("agreement")
            ? (yield* findBeneficiaries(principal, { q, limit })).items
            : []
        if (kinds.has("beneficiary")) items.push(...beneficiaries.map(beneficiaryHit))
        if (kinds.has("institution"))
          for (const i of (yield* institutions.list({ q, limit })).items)
            items.push({ kind: "institution", id: i.id, label: i.name })
        if (kinds.has("event"))
          for (const e of yield* search.events(q, projectScope(principal), limit))
            items.push({ kind: "event", id: e.id, label: e.title, detail: `${e.startDate} · ${e.city}` })
        if (kinds.has("agreement")) items.push(...(yield* agreementHits(principal, beneficiaries, limit)))
        return { q, items } satisfies SearchResults
      }),
    )
  })

  /** A page of the beneficiaries the caller may see, optionally matching `q`, with the caller's actions. */
  const beneficiaries = Effect.fn("Search.beneficiaries")(function* (
    principal: Principal,
    page: PageRequest & { readonly q?: string | undefined },
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const found = yield* findBeneficiaries(principal, page)
        const actions = beneficiaryActions(principal)
        return {
          items: found.items.map((b) => ({
            ...b.case,
            ...(b.personal ? { personal: b.personal } : {}),
            allowedActions: actions,
          })),
          nextCursor: found.nextCursor,
        } satisfies BeneficiaryPage
      }),
    )
  })

  return { find, beneficiaries } as const
})

/** The search box and the beneficiaries list. */
export class Search extends Context.Tag("@coordina/app/Search")<
  Search,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the clock. */
  static readonly layer = Layer.effect(Search, make)
}
