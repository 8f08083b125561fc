/**
 * Test support for the agreements family's services: the app layer over a fresh database of
 * either kind with a stopped clock and sequential ids, callers of every role, and the steps
 * that put a case into a municipality's scope.
 * @module
 */
import {
  BeneficiaryPersonal,
  type InstitutionId,
  isoDate,
  NewBeneficiary,
  NewMunicipalOffer,
  type Principal,
  type RoleGrant,
} from "@coordina/domain"
import { freshStoreLayer, insertInstitution, type TestDatabase } from "@coordina/store/testing"
import { Effect, Layer } from "effect"
import { Agreements } from "../Agreements.js"
import * as App from "../AppLayer.js"
import { Beneficiaries } from "../Beneficiaries.js"
import { Ids } from "../Ids.js"
import { MunicipalOffers } from "../MunicipalOffers.js"
import { Today } from "../Today.js"

/** The app layer over a fresh database, its clock stopped at `instant` in Sofia. */
export const appOn = (db: TestDatabase, instant = "2019-03-15T10:00:00.000Z") =>
  App.over(Layer.mergeAll(Today.fixed(instant), Ids.sequential).pipe(Layer.provideMerge(freshStoreLayer(db))))

const staff = (id: string, ...grants: ReadonlyArray<RoleGrant>): Principal => ({
  kind: "session",
  id,
  grants,
  scopes: [],
})

/** The admin, an auditor, and staff scoped to municipalities or an institution. */
export const callers = {
  admin: staff("usr_admin", { role: "admin" }),
  auditor: staff("usr_auditor", { role: "auditor" }),
  coordinator: staff("usr_coordinator", { role: "coordinator", projectIds: [] }),
  caseWorker: (municipalityId: string) =>
    staff(`usr_cw_${municipalityId}`, { role: "case_worker", municipalityIds: [municipalityId] }),
  institutionUser: (institutionId: string) =>
    staff(`usr_iu_${institutionId}`, { role: "institution_user", institutionId }),
  integrator: { kind: "api-key", id: "key_1", grants: [], scopes: ["agreements:write", "tasks:write"] },
} satisfies Record<string, Principal | ((id: string) => Principal)>

/** Inserts municipalities and other institutions by id. */
export const institutions = (municipalities: ReadonlyArray<string>, others: ReadonlyArray<string> = []) =>
  Effect.gen(function* () {
    for (const id of municipalities)
      yield* insertInstitution(id, { planningRegion: "BG42", province: "BG421" })
    for (const id of others) yield* insertInstitution(id, { kind: "state_authority" })
  })

/** A beneficiary registered by the admin, with its status decided on `statusDecisionDate`. */
export const registered = (statusDecisionDate = "2019-03-01") =>
  Effect.flatMap(Beneficiaries, (s) =>
    s.create(
      callers.admin,
      new NewBeneficiary({
        statusKind: "refugee",
        statusDecisionDate: isoDate(statusDecisionDate),
        familyMembers: 1,
        personal: new BeneficiaryPersonal({ givenName: "Test", familyName: "Person" }),
      }),
    ),
  )

/** An offer of `capacity` places by a municipality, recorded by the admin. */
export const offerOf = (municipalityId: string, capacity = 5) =>
  Effect.flatMap(MunicipalOffers, (s) =>
    s.create(
      callers.admin,
      new NewMunicipalOffer({
        municipalityId: municipalityId as InstitutionId,
        date: isoDate("2019-01-10"),
        capacity,
        plannedAreas: [],
      }),
    ),
  )

/** A beneficiary whose intent the admin declared and matched to an offer of `municipalityId`. */
export const matchedIn = (municipalityId: string) =>
  Effect.gen(function* () {
    const agreements = yield* Agreements
    const beneficiary = yield* registered()
    const offer = yield* offerOf(municipalityId)
    const intent = yield* agreements.declareIntent(callers.admin, {
      beneficiaryId: beneficiary.id,
      intentDate: isoDate("2019-03-15"),
    })
    const agreement = yield* agreements.match(callers.admin, intent.id, undefined, {
      offerId: offer.id,
      date: isoDate("2019-03-20"),
    })
    return { beneficiary, offer, agreement }
  })
