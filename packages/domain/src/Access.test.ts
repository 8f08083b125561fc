import { describe, expect, it } from "@effect/vitest"
import {
  allows,
  canActForMunicipality,
  canAnswerTask,
  canReadPersonal,
  canSeeAgreement,
  canSeeBeneficiary,
  canSeeOffer,
  canSeeProject,
  canSeeTask,
  type Family,
  families,
  mayChangeAgreements,
  maySeeNames,
  personActions,
  type Principal,
  readOnly,
  requiredScope,
} from "./Access.js"
import type { Scope } from "./ApiKey.js"
import type { RoleGrant } from "./User.js"

const staff = (...grants: ReadonlyArray<RoleGrant>): Principal => ({
  kind: "session",
  id: "usr_1",
  grants,
  scopes: [],
})
const key = (...scopes: ReadonlyArray<Scope>): Principal => ({
  kind: "api-key",
  id: "key_1",
  grants: [],
  scopes,
})

const admin = staff({ role: "admin" })
const auditor = staff({ role: "auditor" })
const coordinator = staff({ role: "coordinator", projectIds: ["prj_a"] })
const caseWorker = staff({ role: "case_worker", municipalityIds: ["ins_sofia"] })
const institutionUser = staff({ role: "institution_user", institutionId: "ins_school" })
const nobody = staff()

// The policy as a table, written out by hand: "w" read and write, "r" read only, "-" neither.
const table: Record<string, Record<Family, "w" | "r" | "-">> = {
  admin: Object.fromEntries(families.map((f) => [f, "w"])) as Record<Family, "w">,
  auditor: {
    ...(Object.fromEntries(families.map((f) => [f, "r"])) as Record<Family, "r">),
    privacy: "-",
    webhooks: "-",
  },
  coordinator: {
    projects: "r",
    institutions: "w",
    people: "w",
    events: "w",
    dissemination: "w",
    reach: "r",
    reports: "w",
    procedures: "-",
    beneficiaries: "-",
    agreements: "-",
    tasks: "-",
    review: "r",
    audit: "-",
    users: "-",
    "api-keys": "-",
    retention: "-",
    privacy: "-",
    calendar: "-",
    "period-locks": "-",
    webhooks: "-",
  },
  case_worker: {
    projects: "-",
    institutions: "r",
    people: "-",
    events: "-",
    dissemination: "-",
    reach: "-",
    reports: "-",
    procedures: "r",
    beneficiaries: "w",
    agreements: "w",
    tasks: "w",
    review: "-",
    audit: "-",
    users: "-",
    "api-keys": "-",
    retention: "-",
    privacy: "-",
    calendar: "-",
    "period-locks": "-",
    webhooks: "-",
  },
  institution_user: {
    projects: "-",
    institutions: "r",
    people: "-",
    events: "-",
    dissemination: "-",
    reach: "-",
    reports: "-",
    procedures: "r",
    beneficiaries: "-",
    agreements: "-",
    tasks: "w",
    review: "-",
    audit: "-",
    users: "-",
    "api-keys": "-",
    retention: "-",
    privacy: "-",
    calendar: "-",
    "period-locks": "-",
    webhooks: "-",
  },
}
const principals: Record<string, Principal> = {
  admin,
  auditor,
  coordinator,
  case_worker: caseWorker,
  institution_user: institutionUser,
}

describe("family rights of staff roles", () => {
  for (const [role, rights] of Object.entries(table)) {
    for (const family of families) {
      const expected = rights[family]
      it(`${role} ${expected === "w" ? "reads and writes" : expected === "r" ? "only reads" : "may not use"} ${family}`, () => {
        const p = principals[role]!
        expect(allows(p, family, "read")).toBe(expected !== "-")
        expect(allows(p, family, "write")).toBe(expected === "w")
      })
    }
  }
  it("refuses everything to a user without roles", () => {
    for (const f of families) expect(allows(nobody, f, "read")).toBe(false)
  })
  it("adds the rights of every grant a user holds", () => {
    const both = staff(
      { role: "coordinator", projectIds: ["prj_a"] },
      { role: "case_worker", municipalityIds: ["m"] },
    )
    expect(allows(both, "events", "write")).toBe(true)
    expect(allows(both, "agreements", "write")).toBe(true)
    expect(allows(both, "users", "read")).toBe(false)
  })
  it("lets an auditor change nothing", () => {
    expect(readOnly(auditor)).toBe(true)
    expect(readOnly(coordinator)).toBe(false)
  })
})

describe("API key scopes", () => {
  it("lets write imply read, and read not imply write", () => {
    expect(allows(key("people:write"), "people", "read")).toBe(true)
    expect(allows(key("people:read"), "people", "write")).toBe(false)
    expect(allows(key("people:read"), "events", "read")).toBe(false)
  })
  it("grants beneficiaries, procedures and the review through the agreements scope", () => {
    expect(allows(key("agreements:read"), "beneficiaries", "read")).toBe(true)
    expect(allows(key("agreements:read"), "beneficiaries", "write")).toBe(false)
    expect(allows(key("agreements:write"), "procedures", "read")).toBe(true)
    expect(allows(key("agreements:read"), "review", "read")).toBe(true)
    expect(requiredScope("beneficiaries", "write")).toBe("agreements:write")
  })
  it("never lets a key manage accounts, keys, retention or erasure", () => {
    const all = key(
      "projects:write",
      "institutions:write",
      "people:write",
      "events:write",
      "dissemination:write",
      "reach:write",
      "agreements:write",
      "tasks:write",
      "reports:write",
      "audit:write",
    )
    for (const f of ["users", "api-keys", "retention", "privacy", "period-locks", "webhooks"] as const) {
      expect(allows(all, f, "read")).toBe(false)
      expect(requiredScope(f, "read")).toBeUndefined()
    }
  })
})

describe("record-level visibility", () => {
  it("shows a coordinator only their projects", () => {
    expect(canSeeProject(coordinator, "prj_a")).toBe(true)
    expect(canSeeProject(coordinator, "prj_b")).toBe(false)
    expect(canSeeProject(admin, "prj_b")).toBe(true)
    expect(canSeeProject(auditor, "prj_b")).toBe(true)
    expect(canSeeProject(key("reach:read"), "prj_b")).toBe(true)
  })
  it("shows a case worker the agreements matched to their municipalities' offers only", () => {
    expect(canSeeAgreement(caseWorker, { municipalityId: "ins_sofia" })).toBe(true)
    expect(canSeeAgreement(caseWorker, { municipalityId: "ins_varna" })).toBe(false)
    expect(canSeeAgreement(caseWorker, {})).toBe(false)
    expect(canSeeAgreement(auditor, {})).toBe(true)
  })
  it("shows a case worker the beneficiaries of those agreements only", () => {
    expect(canSeeBeneficiary(caseWorker, ["ins_varna", "ins_sofia"])).toBe(true)
    expect(canSeeBeneficiary(caseWorker, ["ins_varna"])).toBe(false)
    expect(canSeeBeneficiary(caseWorker, [])).toBe(false)
    expect(canSeeBeneficiary(admin, [])).toBe(true)
  })
  it("shows an institution user the tasks addressed to their institution", () => {
    expect(canSeeTask(institutionUser, { institutionId: "ins_school" })).toBe(true)
    expect(canSeeTask(institutionUser, { institutionId: "ins_clinic", municipalityId: "ins_school" })).toBe(
      false,
    )
    expect(canSeeTask(caseWorker, { institutionId: "ins_clinic", municipalityId: "ins_sofia" })).toBe(true)
    expect(canSeeTask(caseWorker, { institutionId: "ins_sofia" })).toBe(true)
    expect(canSeeTask(caseWorker, { institutionId: "ins_clinic", municipalityId: "ins_varna" })).toBe(false)
  })
  it("shows beneficiaries' personal data to admins, case workers and agreement integrators only", () => {
    expect(canReadPersonal(admin)).toBe(true)
    expect(canReadPersonal(caseWorker)).toBe(true)
    expect(canReadPersonal(auditor)).toBe(false)
    expect(canReadPersonal(coordinator)).toBe(false)
    expect(canReadPersonal(key("agreements:read"))).toBe(true)
    expect(canReadPersonal(key("tasks:write"))).toBe(false)
  })
})

describe("the write-side scopes of the agreements family", () => {
  it("lets a case worker act only for their own municipalities", () => {
    expect(canActForMunicipality(caseWorker, "ins_sofia")).toBe(true)
    expect(canActForMunicipality(caseWorker, "ins_varna")).toBe(false)
    expect(canSeeOffer(caseWorker, { municipalityId: "ins_varna" })).toBe(false)
    expect(canSeeOffer(admin, { municipalityId: "ins_varna" })).toBe(true)
    expect(canActForMunicipality(key("agreements:write"), "ins_varna")).toBe(true)
    expect(canActForMunicipality(institutionUser, "ins_sofia")).toBe(false)
  })

  it("offers agreement actions and task answers only to callers who may change them", () => {
    expect([admin, caseWorker, auditor, coordinator, institutionUser].map(mayChangeAgreements)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
    const labourTask = { institutionId: "ins_labour", municipalityId: "ins_sofia" }
    expect(canAnswerTask(caseWorker, labourTask)).toBe(true)
    expect(canAnswerTask(auditor, labourTask)).toBe(false)
    expect(canAnswerTask(staff({ role: "institution_user", institutionId: "ins_labour" }), labourTask)).toBe(
      true,
    )
    expect(canAnswerTask(institutionUser, labourTask)).toBe(false)
    expect(canAnswerTask(key("tasks:read"), labourTask)).toBe(false)
    expect(canAnswerTask(key("tasks:write"), labourTask)).toBe(true)
  })
})

describe("names behind reach figures", () => {
  it("are shown to admins and coordinators only", () => {
    expect([admin, coordinator, auditor, caseWorker, institutionUser, nobody].map(maySeeNames)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ])
    expect(maySeeNames(key("reach:read", "people:write"))).toBe(false)
  })
})

describe("what a caller may do with a person", () => {
  const surviving = { givenName: "Мария", familyName: "Петрова" }
  const merged = { ...surviving, mergedInto: "per_2" }
  const erased = { givenName: "Erased", familyName: "ERASED-3f9a0c17b2e4d685" }
  it("follows the people and privacy rights", () => {
    expect(personActions(admin, surviving)).toEqual(["merge", "export", "erase"])
    expect(personActions(admin, merged)).toEqual(["unmerge", "export", "erase"])
    expect(personActions(admin, erased)).toEqual(["merge", "export"])
    expect(personActions(coordinator, surviving)).toEqual(["merge"])
    expect(personActions(auditor, surviving)).toEqual([])
    expect(personActions(key("people:write"), merged)).toEqual(["unmerge"])
    expect(personActions(key("people:read"), surviving)).toEqual([])
  })
})
