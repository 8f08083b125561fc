import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Item = { id: string; beneficiaryId: string; beneficiaryPseudonym: string; state: string }
type ListPage = { items: Array<Item>; nextCursor: string | null; total: number }

const password = "a long enough passphrase"
const anon = { Authorization: "" }

describe.each(testDatabases())("finding an agreement by its beneficiary on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  const must = async <A = Record<string, unknown> & { id: string }>(
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const res = await api.json<A>(method, path, body)
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const beneficiary = (givenName: string, familyName: string) =>
    must<{ id: string; pseudonym: string }>("POST", "/v1/beneficiaries", {
      statusKind: "refugee",
      statusDecisionDate: "2019-03-01",
      familyMembers: 0,
      personal: { givenName, familyName },
    })
  const intent = (beneficiaryId: string) =>
    must("POST", "/v1/agreements", { beneficiaryId, intentDate: "2019-03-15" })
  const auditorSession = async () => {
    const email = `auditor-${Math.random().toString(36).slice(2)}@coordina.test`
    await must("POST", "/v1/users", { email, displayName: "Auditor", password, roles: [{ role: "auditor" }] })
    const res = await api.request(
      "POST",
      "/v1/sessions",
      { email, password },
      {
        ...anon,
        "X-Forwarded-For": "192.0.2.7",
      },
    )
    expect(res.status).toBe(201)
    return { ...anon, Cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]! }
  }
  const readPersonalOf = async (beneficiaryId: string) =>
    (
      await must<{ items: Array<unknown> }>(
        "GET",
        `/v1/audit?entity=beneficiary:${beneficiaryId}&action=read_personal`,
      )
    ).items.length

  it.skipIf(!db.available)(
    "answers the pseudonym and a total, and finds by pseudonym and by a Latin spelling of a Cyrillic name",
    async () => {
      const yusuf = await beneficiary("Фатима", "Юсуфова")
      const other = await beneficiary("Омар", "Хаддад")
      const first = await intent(yusuf.id)
      const second = await intent(yusuf.id)
      const third = await intent(other.id)

      const all = await must<ListPage>("GET", "/v1/agreements?limit=2")
      expect(all.total).toBe(3)
      expect(all.items).toHaveLength(2)
      expect(all.nextCursor).not.toBeNull()
      const rest = await must<ListPage>(`GET`, `/v1/agreements?limit=2&cursor=${all.nextCursor}`)
      expect(rest.total).toBe(3)
      const listed = [...all.items, ...rest.items]
      expect(listed.map((a) => [a.id, a.beneficiaryPseudonym]).sort()).toEqual(
        [
          [first.id, yusuf.pseudonym],
          [second.id, yusuf.pseudonym],
          [third.id, other.pseudonym],
        ].sort(),
      )
      expect(JSON.stringify(listed)).not.toContain("Фатима")

      const before = await readPersonalOf(yusuf.id)
      const byName = await must<ListPage>("GET", "/v1/agreements?q=fatima%20yusuf")
      expect(byName.items.map((a) => a.id).sort()).toEqual([first.id, second.id].sort())
      expect(byName.total).toBe(2)
      expect(JSON.stringify(byName)).not.toContain("Фатима")
      // one read of the beneficiary's name, however many of their agreements it found
      expect(await readPersonalOf(yusuf.id)).toBe(before + 1)

      const byPseudonym = await must<ListPage>("GET", `/v1/agreements?q=${other.pseudonym.toLowerCase()}`)
      expect(byPseudonym).toMatchObject({
        total: 1,
        items: [{ id: third.id, beneficiaryPseudonym: other.pseudonym }],
      })
      // a pseudonym is no personal data: nothing audited
      expect(await readPersonalOf(other.id)).toBe(0)

      const filtered = await must<ListPage>("GET", "/v1/agreements?q=fatima&state=matched")
      expect(filtered).toEqual({ items: [], nextCursor: null, total: 0 })
      expect((await must<ListPage>("GET", "/v1/agreements?q=%25%25")).total).toBe(0)
    },
  )

  it.skipIf(!db.available)("never matches a name for a role that may not read personal data", async () => {
    const b = await beneficiary("Айше", "Кемалова")
    const a = await intent(b.id)
    const auditor = await auditorSession()
    const byName = await api.request("GET", "/v1/agreements?q=ayshe", undefined, auditor)
    expect(byName.status).toBe(200)
    expect(await byName.json()).toMatchObject({ items: [], total: 0 })
    const byPseudonym = await api.request("GET", `/v1/agreements?q=${b.pseudonym}`, undefined, auditor)
    expect(await byPseudonym.json()).toMatchObject({
      total: 1,
      items: [{ id: a.id, beneficiaryPseudonym: b.pseudonym }],
    })
    expect(await readPersonalOf(b.id)).toBe(0)
  })

  it.skipIf(!db.available)("answers an oversized q with a problem naming q", async () => {
    const res = await api.json<{ errors?: Array<{ path: string }> }>(
      "GET",
      `/v1/agreements?q=${"x".repeat(201)}`,
    )
    expect(res.status).toBe(400)
    expect(res.body.errors?.map((e) => e.path)).toContain("q")
  })
})
