import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Json = Record<string, unknown> & { id: string }

describe.each(testDatabases())("integration agreements API on $name", (db) => {
  let api: TestApp
  const must = async (method: string, path: string, body?: unknown) => {
    const res = await api.json<Json>(method, path, body)
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const town = async (name = "Община Пример") =>
    (
      await must("POST", "/v1/institutions", {
        name,
        kind: "municipality",
        level: "local",
        country: "BG",
        planningRegion: "BG42",
        province: "BG421",
      })
    ).id
  const beneficiary = async (statusDecisionDate = "2019-03-01") =>
    (
      await must("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate,
        familyMembers: 2,
        personal: { givenName: "Test", familyName: "Person" },
      })
    ).id

  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)("passes the contract smoke's agreements part", async () => {
    const procedures = await must("GET", "/v1/procedures")
    const items = procedures.items as Array<{ id: string; terminationGrounds: Array<string> }>
    expect(items.map((p) => p.id).sort()).toEqual(["ordinance-2016", "ordinance-2017"])
    const grounds = items.find((p) => p.id === "ordinance-2017")!.terminationGrounds
    const townId = await town()
    const ben = await beneficiary()
    const gap = await api.json("POST", "/v1/agreements", { beneficiaryId: ben, intentDate: "2017-06-01" })
    expect(gap.status).toBe(422)
    expect(gap.body).toMatchObject({ code: "NoProcedureInForce" })
    const a = await must("POST", "/v1/agreements", { beneficiaryId: ben, intentDate: "2019-03-15" })
    expect([a.state, a.procedureId, a.intentDeadline, a.intentLate]).toEqual([
      "intent_declared",
      "ordinance-2017",
      "2019-03-15",
      false,
    ])
    const offer = (
      await must("POST", "/v1/municipal-offers", {
        municipalityId: townId,
        date: "2019-01-10",
        capacity: 1,
        plannedAreas: ["housing"],
      })
    ).id
    const early = await api.json("POST", `/v1/agreements/${a.id}/conclude`, {
      date: "2019-04-01",
      signedBy: "Кмет",
    })
    expect([early.status, early.body.currentState]).toEqual([409, "intent_declared"])
    await must("POST", `/v1/agreements/${a.id}/match`, { offerId: offer, date: "2019-03-20" })
    expect(
      (await must("POST", `/v1/agreements/${a.id}/conclude`, { date: "2019-04-01", signedBy: "Кмет" }))
        .endDate,
    ).toBe("2020-03-31")
    expect((await must("POST", `/v1/agreements/${a.id}/extend`, { date: "2020-03-01" })).endDate).toBe(
      "2021-03-31",
    )
    expect((await api.json("POST", `/v1/agreements/${a.id}/extend`, { date: "2021-03-01" })).status).toBe(409)
    const terminated = await must("POST", `/v1/agreements/${a.id}/terminate`, {
      ground: grounds[0],
      date: "2020-06-01",
      initiator: "mayor",
    })
    expect(terminated.state).toBe("terminated")
    const history = await api.json<Array<{ type: string; by: string }>>(
      "GET",
      `/v1/agreements/${a.id}/events`,
    )
    expect(history.body.map((e) => e.type)).toEqual([
      "intent_declared",
      "matched",
      "concluded",
      "extended",
      "terminated",
    ])
    expect(history.body.every((e) => e.by === "admin-token")).toBe(true)
  })

  it.skipIf(!db.available)(
    "refuses a match on a full offer with 409, and a wrong-version action",
    async () => {
      const townId = await town("Община Пълна")
      const offer = await must("POST", "/v1/municipal-offers", {
        municipalityId: townId,
        date: "2019-01-10",
        capacity: 1,
        plannedAreas: [],
      })
      expect(offer.remaining).toBe(1)
      const first = await must("POST", "/v1/agreements", {
        beneficiaryId: await beneficiary(),
        intentDate: "2019-03-15",
      })
      const second = await must("POST", "/v1/agreements", {
        beneficiaryId: await beneficiary(),
        intentDate: "2019-03-15",
      })
      await must("POST", `/v1/agreements/${first.id}/match`, { offerId: offer.id, date: "2019-03-20" })
      const full = await api.json("POST", `/v1/agreements/${second.id}/match`, {
        offerId: offer.id,
        date: "2019-03-20",
      })
      expect(full).toMatchObject({ status: 409, body: { code: "NoCapacityLeft" } })
      const stale = await api.request(
        "POST",
        `/v1/agreements/${first.id}/conclude`,
        { date: "2019-04-01", signedBy: "Кмет" },
        { "If-Match": "1" },
      )
      expect(stale.status).toBe(409)
      expect(await stale.json()).toMatchObject({ code: "AgreementVersionStale", currentVersion: 2 })
      // closing the match gives the place back, so the second intent can take it
      await must("POST", `/v1/agreements/${first.id}/close`, {
        date: "2019-03-25",
        reason: "refused by the beneficiary",
      })
      const list = await api.json<{ items: Array<{ id: string; remaining: number }> }>(
        "GET",
        `/v1/municipal-offers?municipalityId=${townId}`,
      )
      expect(list.body.items[0]?.remaining).toBe(1)
      const matched = await api.request(
        "POST",
        `/v1/agreements/${second.id}/match`,
        { offerId: offer.id, date: "2019-03-26" },
        { "If-Match": "1" },
      )
      expect(matched.status).toBe(200)
    },
  )

  it.skipIf(!db.available)(
    "refuses a ground from the other rule set with 422, and reads expiry as of a date",
    async () => {
      const townId = await town("Община Срок")
      const offer = (
        await must("POST", "/v1/municipal-offers", {
          municipalityId: townId,
          date: "2019-01-10",
          capacity: 5,
          plannedAreas: [],
        })
      ).id
      const a = await must("POST", "/v1/agreements", {
        beneficiaryId: await beneficiary(),
        intentDate: "2019-03-15",
      })
      await must("POST", `/v1/agreements/${a.id}/match`, { offerId: offer, date: "2019-03-20" })
      await must("POST", `/v1/agreements/${a.id}/conclude`, { date: "2019-04-01", signedBy: "Кмет" })
      const wrong = await api.json("POST", `/v1/agreements/${a.id}/terminate`, {
        ground: "suitable_work_refused",
        date: "2019-06-01",
        initiator: "mayor",
      })
      expect(wrong).toMatchObject({
        status: 422,
        body: { code: "GroundNotInRuleSet", procedureId: "ordinance-2017" },
      })
      expect((await must("GET", `/v1/agreements/${a.id}?asOf=2020-03-31`)).state).toBe("active")
      expect((await must("GET", `/v1/agreements/${a.id}?asOf=2020-04-01`)).state).toBe("expired")
      const expired = await api.json<{ items: Array<{ id: string }> }>(
        "GET",
        `/v1/agreements?state=expired&asOf=2020-04-01&municipalityId=${townId}`,
      )
      expect(expired.body.items.map((x) => x.id)).toEqual([a.id])
      const late = await api.json("POST", `/v1/agreements/${a.id}/terminate`, {
        ground: "death",
        date: "2020-04-02",
        initiator: "mayor",
      })
      expect(late).toMatchObject({ status: 409, body: { currentState: "expired" } })
    },
  )

  it.skipIf(!db.available)("sets a plan that opens tasks, and moves measures with their tasks", async () => {
    const townId = await town("Община План")
    const labour = (
      await must("POST", "/v1/institutions", {
        name: "Бюро по труда План",
        kind: "state_authority",
        level: "local",
        country: "BG",
      })
    ).id
    const offer = (
      await must("POST", "/v1/municipal-offers", {
        municipalityId: townId,
        date: "2019-01-10",
        capacity: 5,
        plannedAreas: [],
      })
    ).id
    const a = await must("POST", "/v1/agreements", {
      beneficiaryId: await beneficiary(),
      intentDate: "2019-03-15",
    })
    await must("POST", `/v1/agreements/${a.id}/match`, { offerId: offer, date: "2019-03-20" })
    const planPut = (body: unknown, version = "0") =>
      api.request("PUT", `/v1/agreements/${a.id}/plan`, body, { "If-Match": version }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Json,
      }))
    const missing = await api.json("PUT", `/v1/agreements/${a.id}/plan`, { measures: [] })
    expect(missing.status).toBe(428)
    const bad = await planPut({
      measures: [{ area: "astrology", responsibleInstitutionId: townId, dueDate: "2019-06-28" }],
    })
    expect(bad).toMatchObject({ status: 422, body: { code: "AreaNotInRuleSet" } })
    const unknown = await planPut({
      measures: [{ area: "housing", responsibleInstitutionId: "ins_none", dueDate: "2019-06-28" }],
    })
    expect(unknown.status).toBe(404)
    const { body: plan } = await planPut({
      date: "2019-04-01",
      measures: [
        { area: "housing", responsibleInstitutionId: townId, dueDate: "2019-06-28" },
        {
          area: "employment",
          responsibleInstitutionId: labour,
          dueDate: "2019-05-31",
          note: "register at the labour office",
        },
      ],
    })
    const tasks = plan.tasks as Array<{ id: string; institutionId: string; status: string; dueDate: string }>
    expect(plan.version).toBe(1)
    expect(tasks.map((t) => [t.institutionId, t.status, t.dueDate])).toEqual([
      [townId, "open", "2019-06-28"],
      [labour, "open", "2019-05-31"],
    ])
    const stalePlan = await api.request(
      "PUT",
      `/v1/agreements/${a.id}/plan`,
      { measures: [] },
      { "If-Match": "0" },
    )
    expect(stalePlan.status).toBe(409)
    const inbox = await api.json<{ items: Array<{ id: string }> }>(
      "GET",
      `/v1/tasks?institutionId=${labour}&asOf=2019-04-02`,
    )
    expect(inbox.body.items).toHaveLength(1)
    const labourTask = tasks[1]!.id
    const early = await api.json("POST", `/v1/tasks/${labourTask}/complete`, { outcome: "registered" })
    expect(early).toMatchObject({ status: 409, body: { currentState: "open" } })
    await must("POST", `/v1/tasks/${labourTask}/accept`, { date: "2019-04-03" })
    const done = await must("POST", `/v1/tasks/${labourTask}/complete`, {
      outcome: "registered",
      date: "2019-04-10",
    })
    expect(done).toMatchObject({ status: "done", outcome: "registered" })
    const rejected = await must("POST", `/v1/tasks/${tasks[0]!.id}/reject`, {
      reason: "no municipal housing",
      date: "2019-04-05",
    })
    expect(rejected).toMatchObject({ status: "rejected", reason: "no municipal housing" })
    const overdue = await api.json<{ items: Array<{ id: string; overdue: boolean; escalateTo?: string }> }>(
      "GET",
      `/v1/tasks?overdue=true&asOf=2019-07-15&agreementId=${a.id}`,
    )
    expect(overdue.body.items.map((t) => [t.id, t.escalateTo])).toEqual([[tasks[0]!.id, "coordinator"]])
    const after = await must("GET", `/v1/agreements/${a.id}/plan?asOf=2019-04-10`)
    expect(
      (after.measures as Array<{ area: string; status: string; evidence: Array<string> }>).map((m) => [
        m.area,
        m.status,
        m.evidence,
      ]),
    ).toEqual([
      ["housing", "planned", []],
      ["employment", "done", ["registered"]],
    ])
  })

  it.skipIf(!db.available)("shows personal data to the admin with a read_personal audit entry", async () => {
    const id = await beneficiary()
    const read = await must("GET", `/v1/beneficiaries/${id}`)
    expect(read).toMatchObject({
      statusKind: "refugee",
      personal: { givenName: "Test", familyName: "Person" },
    })
    expect(read.pseudonym).toMatch(/^BNF-/)
    const audit = await api.json<{ items: Array<{ action: string }> }>(
      "GET",
      `/v1/audit?entity=beneficiary:${id}`,
    )
    expect(audit.body.items.map((e) => e.action)).toEqual(["create", "read_personal"])
    expect(JSON.stringify(audit.body)).not.toContain('Person"')
  })

  it.skipIf(!db.available)("reviews the funnel by municipality, counting only", async () => {
    const townId = await town("Община Преглед")
    const offer = (
      await must("POST", "/v1/municipal-offers", {
        municipalityId: townId,
        date: "2019-01-10",
        capacity: 3,
        plannedAreas: [],
      })
    ).id
    const a = await must("POST", "/v1/agreements", {
      beneficiaryId: await beneficiary(),
      intentDate: "2019-03-15",
    })
    await must("POST", "/v1/agreements", { beneficiaryId: await beneficiary(), intentDate: "2019-03-20" })
    await must("POST", `/v1/agreements/${a.id}/match`, { offerId: offer, date: "2019-03-20" })
    const review = await must("GET", "/v1/review?groupBy=municipality&asOf=2019-12-31")
    const group = (
      review.groups as Array<{ key: string; funnel: Record<string, number>; offers: Record<string, number> }>
    ).find((g) => g.key === townId)
    expect(group?.funnel).toMatchObject({ intents: 1, matched: 1, concluded: 0 })
    expect(group?.offers).toMatchObject({ count: 1, capacity: 3, placesTaken: 1 })
    expect((group as { label?: string } | undefined)?.label).toBe("Община Преглед")
    expect(JSON.stringify(review)).not.toContain("Test")
    const bad = await api.json("GET", "/v1/review?groupBy=planet")
    expect(bad.status).toBe(400)
  })

  it.skipIf(!db.available)("answers what the caller may do, and refuses a malformed If-Match", async () => {
    const townId = await town("Община Права")
    const offer = (
      await must("POST", "/v1/municipal-offers", {
        municipalityId: townId,
        date: "2019-01-10",
        capacity: 2,
        plannedAreas: [],
      })
    ).id
    const a = await must("POST", "/v1/agreements", {
      beneficiaryId: await beneficiary(),
      intentDate: "2019-03-15",
    })
    expect([a.allowedActions, a.planAllowed]).toEqual([["match", "close"], false])
    const bad = await api.request(
      "POST",
      `/v1/agreements/${a.id}/match`,
      { offerId: offer, date: "2019-03-20" },
      { "If-Match": "yesterday" },
    )
    expect(bad.status).toBe(400)
    const matched = await must("POST", `/v1/agreements/${a.id}/match`, { offerId: offer, date: "2019-03-20" })
    expect([matched.allowedActions, matched.planAllowed]).toEqual([["conclude", "close"], true])
    const plan = await api.request(
      "PUT",
      `/v1/agreements/${a.id}/plan`,
      {
        date: "2019-04-01",
        measures: [{ area: "housing", responsibleInstitutionId: townId, dueDate: "2019-06-28" }],
      },
      { "If-Match": "0" },
    )
    const tasks = ((await plan.json()) as { tasks: Array<{ id: string; allowedActions: Array<string> }> })
      .tasks
    expect(tasks.map((t) => t.allowedActions)).toEqual([["accept", "reject"]])
    const accepted = await must("POST", `/v1/tasks/${tasks[0]!.id}/accept`, { date: "2019-04-02" })
    expect(accepted.allowedActions).toEqual(["complete"])
    const stale = await api.request(
      "POST",
      `/v1/tasks/${tasks[0]!.id}/complete`,
      { outcome: "x" },
      { "If-Match": "1" },
    )
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({ code: "TaskVersionStale", currentVersion: 2 })
    const listed = await api.json<{ items: Array<{ id: string; allowedActions: Array<string> }> }>(
      "GET",
      `/v1/tasks?agreementId=${a.id}`,
    )
    expect(listed.body.items.map((t) => t.allowedActions)).toEqual([["complete"]])
  })

  it.skipIf(!db.available)("lists every route in the OpenAPI document", async () => {
    const doc = await api.json<{ paths: Record<string, unknown> }>("GET", "/openapi.json")
    for (const path of [
      "/v1/procedures",
      "/v1/procedures/{id}",
      "/v1/beneficiaries",
      "/v1/beneficiaries/{id}",
      "/v1/municipal-offers",
      "/v1/agreements",
      "/v1/agreements/{id}",
      "/v1/agreements/{id}/events",
      "/v1/agreements/{id}/match",
      "/v1/agreements/{id}/plan",
      "/v1/tasks",
      "/v1/tasks/{id}/complete",
      "/v1/review",
    ])
      expect(doc.body.paths, path).toHaveProperty([path])
  })
})
