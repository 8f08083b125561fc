import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

describe.each(testDatabases())("export and erasure on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  const ok = async <A = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const res = await api.json<A>(method, path, body)
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
    return res.body
  }

  it.skipIf(!db.available)("erases a participant keeping every reach figure, and logs it", async () => {
    const project = await ok("POST", "/v1/projects", {
      code: "ERASE-1",
      title: "Erasure",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 10 }],
    })
    const municipality = await ok("POST", "/v1/institutions", {
      name: "Община Варна",
      kind: "municipality",
      level: "local",
      country: "BG",
      planningRegion: "BG33",
    })
    const person = (givenName: string, familyName: string, email: string, gender: string) =>
      ok("POST", "/v1/people", { givenName, familyName, email, gender, institutionId: municipality.id })
    const maria = await person("Мария", "Иванова", "maria@varna.bg", "female")
    const petar = await person("Петър", "Петров", "petar@varna.bg", "male")
    const event = await ok("POST", "/v1/events", {
      projectId: project.id,
      kind: "regional_workshop",
      title: "Workshop Varna",
      startDate: "2018-03-01",
      endDate: "2018-03-02",
      city: "Varna",
    })
    for (const p of [maria, petar]) {
      await ok("POST", `/v1/events/${event.id}/participations`, {
        personId: p.id,
        role: "participant",
        status: "registered",
      })
      await ok("PUT", `/v1/events/${event.id}/participations/${p.id}/attendance`, { days: ["2018-03-01"] })
    }
    const reachPath = `/v1/projects/${project.id}/reach?asOf=2018-12-31`
    const before = await ok<{ direct: { total: number } }>("GET", reachPath)
    expect(before.direct.total).toBe(2)

    const exported = await ok<{ records: Array<{ givenName: string }>; participations: unknown[] }>(
      "GET",
      `/v1/people/${maria.id}/export`,
    )
    expect(exported.records[0]?.givenName).toBe("Мария")
    expect(exported.participations).toHaveLength(1)

    const erased = await ok<{ erasureKey: string; records: number }>("POST", `/v1/people/${maria.id}/erasure`)
    expect(erased.erasureKey).toMatch(/^ERASED-[0-9a-f]{16}$/)
    expect(erased.records).toBe(1)
    expect(await ok("GET", reachPath)).toEqual(before)

    const after = await ok("GET", `/v1/people/${maria.id}`)
    expect(after).toMatchObject({ givenName: "Erased", familyName: erased.erasureKey, gender: "female" })
    expect(after.email).toBeUndefined()
    const history = await ok<{ items: Array<{ action: string }> }>(
      "GET",
      `/v1/audit?entity=person:${maria.id}`,
    )
    expect(history.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["create", "read_personal", "erase"]),
    )
    expect(JSON.stringify(history)).not.toContain("Мария")
    expect(JSON.stringify(history)).not.toContain("maria@varna.bg")
    // The other person is untouched.
    expect(await ok("GET", `/v1/people/${petar.id}`)).toMatchObject({ givenName: "Петър" })
    // Erasing again is a conflict; an unknown person is not found.
    expect((await api.json("POST", `/v1/people/${maria.id}/erasure`)).status).toBe(409)
    expect((await api.json("POST", "/v1/people/per_nope/erasure")).status).toBe(404)
    // A new registration with the erased email is a new record, never matched to the erased one.
    const again = await api.json("POST", "/v1/people", {
      givenName: "Мария",
      familyName: "Иванова",
      email: "maria@varna.bg",
      institutionId: municipality.id,
    })
    expect(again.status).toBe(201)
    expect(again.body.id).not.toBe(maria.id)
  })

  it.skipIf(!db.available)("exports and erases a beneficiary, keeping the pseudonymous case", async () => {
    const created = await ok("POST", "/v1/beneficiaries", {
      statusKind: "humanitarian",
      statusDecisionDate: "2019-05-01",
      familyMembers: 3,
      personal: { givenName: "Layla", familyName: "Nasser", birthDate: "1988-04-04" },
    })
    const exported = await ok<{ personal: Record<string, unknown> }>(
      "GET",
      `/v1/beneficiaries/${created.id}/export`,
    )
    expect(exported.personal).toMatchObject({ givenName: "Layla", birthDate: "1988-04-04" })
    const erased = await ok<{ erasureKey: string }>("POST", `/v1/beneficiaries/${created.id}/erasure`)
    const after = await ok<{ pseudonym: string; familyMembers: number; personal?: Record<string, unknown> }>(
      "GET",
      `/v1/beneficiaries/${created.id}`,
    )
    expect(after).toMatchObject({ pseudonym: created.pseudonym, familyMembers: 3 })
    expect(after.personal).toMatchObject({ givenName: "Erased", familyName: erased.erasureKey })
    expect(after.personal?.birthDate).toBeUndefined()
    const history = await ok("GET", `/v1/audit?entity=beneficiary:${created.id}`)
    expect(JSON.stringify(history)).not.toContain("Layla")
  })

  it.skipIf(!db.available)("refuses erasure to an auditor and export to a coordinator", async () => {
    const users = [
      { role: "auditor", roles: [{ role: "auditor" }] },
      { role: "coordinator", roles: [{ role: "coordinator", projectIds: ["prj_a"] }] },
    ]
    for (const u of users) {
      const email = `${u.role}@privacy.test`
      await ok("POST", "/v1/users", {
        email,
        displayName: u.role,
        password: "privacy test passphrase",
        roles: u.roles,
      })
      const res = await api.request(
        "POST",
        "/v1/sessions",
        { email, password: "privacy test passphrase", transport: "bearer" },
        {
          Authorization: "",
          "X-Forwarded-For": "10.9.9.9",
        },
      )
      const token = ((await res.json()) as { token: string }).token
      const headers = { Authorization: `Bearer ${token}` }
      expect((await api.request("POST", "/v1/people/per_x/erasure", undefined, headers)).status).toBe(403)
      expect((await api.request("GET", "/v1/people/per_x/export", undefined, headers)).status).toBe(403)
    }
  })
})
