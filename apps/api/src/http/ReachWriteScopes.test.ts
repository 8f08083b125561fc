/**
 * Scopes on writes, for projects, events, participations, attendance, sign-in sheets and
 * dissemination: every write of the family, by every kind of caller, naming a record of a project
 * outside the caller's scope. A caller without the family's write right gets 403; one whose scope
 * includes the project gets its answer; one whose scope does not gets exactly the answer a missing
 * record gets (status, type and title), and nothing changes. And a coordinator's lists are full
 * pages of their own projects' records, never short pages with a cursor.
 */
import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>
type Headers = Record<string, string>

/** The records a write names: a project and one of its events (the other's, or missing ones). */
interface Target {
  readonly projectId: string
  readonly eventId: string
}

interface Write {
  readonly name: string
  /** What the caller needs (`family:write`); callers without it get 403. */
  readonly family: "projects" | "events" | "dissemination"
  /** Sends the write; `personId` is a person made for it beforehand (for a registration). */
  readonly send: (api: TestApp, target: Target, headers: Headers, personId?: string) => Promise<Response>
}

const sheet = (institutionId: string) =>
  `given_name,family_name,email,gender,institution_id,institution_name,role,days\nИва,Сheet${Math.random()
    .toString(36)
    .slice(2, 7)},,female,${institutionId},,participant,all\n`

describe.each(testDatabases())(
  "scopes on the writes of projects, events and dissemination on $name",
  (db) => {
    let api: TestApp
    const callers: Record<string, Headers> = {}
    let mine: Target
    let other: Target
    const missing: Target = { projectId: "prj_missing", eventId: "evt_missing" }
    let institutionId = ""
    let attendee = ""

    const ok = async (method: string, path: string, body?: unknown): Promise<Body> => {
      const res = await api.json<Body>(method, path, body)
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
      return res.body
    }
    const newPerson = async () =>
      (
        await ok("POST", "/v1/people", {
          givenName: "Мария",
          familyName: `Петрова ${Math.random().toString(36).slice(2, 8)}`,
          institutionId,
        })
      ).id as string

    const writes: ReadonlyArray<Write> = [
      {
        name: "POST /v1/events",
        family: "events",
        send: (a, t, h) =>
          a.request(
            "POST",
            "/v1/events",
            {
              projectId: t.projectId,
              kind: "regional_workshop",
              title: "Workshop",
              startDate: "2018-03-01",
              endDate: "2018-03-01",
              city: "Русе",
            },
            h,
          ),
      },
      {
        name: "POST /v1/events/{id}/participations",
        family: "events",
        send: (a, t, h, personId) =>
          a.request(
            "POST",
            `/v1/events/${t.eventId}/participations`,
            { personId: personId ?? attendee, role: "participant", status: "registered" },
            h,
          ),
      },
      {
        name: "PUT /v1/events/{id}/participations/{personId}/attendance",
        family: "events",
        send: (a, t, h) =>
          a.request(
            "PUT",
            `/v1/events/${t.eventId}/participations/${attendee}/attendance`,
            { days: ["2018-03-01"] },
            h,
          ),
      },
      {
        name: "POST /v1/events/{id}/sign-in-sheet",
        family: "events",
        send: (a, t, h) =>
          a.request("POST", `/v1/events/${t.eventId}/sign-in-sheet`, sheet(institutionId), {
            ...h,
            "Content-Type": "text/csv",
          }),
      },
      {
        name: "POST /v1/dissemination-activities",
        family: "dissemination",
        send: async (a, t, h) =>
          a.request(
            "POST",
            "/v1/dissemination-activities",
            {
              projectId: t.projectId,
              kind: "publication",
              date: "2018-04-01",
              title: "Brochure",
              namedPersonIds: [attendee],
              additionalCount: 3,
              method: "counted",
            },
            h,
          ),
      },
      {
        name: "POST /v1/projects/{id}/extensions",
        family: "projects",
        send: (a, t, h) =>
          a.request("POST", `/v1/projects/${t.projectId}/extensions`, { months: 1, reason: "Delay" }, h),
      },
    ]

    // Who may write what, and whether their scope takes in the other project.
    const roles: Record<
      string,
      { grants?: unknown; writes: ReadonlyArray<Write["family"]>; seesOther: boolean }
    > = {
      adminToken: { writes: ["projects", "events", "dissemination"], seesOther: true },
      admin: {
        grants: [{ role: "admin" }],
        writes: ["projects", "events", "dissemination"],
        seesOther: true,
      },
      coordinator: { grants: [], writes: ["events", "dissemination"], seesOther: false },
      auditor: { grants: [{ role: "auditor" }], writes: [], seesOther: true },
      case_worker: { grants: [], writes: [], seesOther: false },
      institution_user: { grants: [], writes: [], seesOther: false },
      integrator: { writes: ["projects", "events", "dissemination"], seesOther: true },
      readOnlyIntegrator: { writes: [], seesOther: true },
    }

    const auditCount = async () => {
      const page = await ok("GET", "/v1/audit?limit=500")
      expect(page.nextCursor).toBeNull()
      return (page.items as ReadonlyArray<unknown>).length
    }

    beforeAll(async () => {
      api = await startTestApp(db)
      const project = async (code: string) =>
        (
          await ok("POST", "/v1/projects", {
            code,
            title: code,
            startDate: "2018-01-01",
            durationMonths: 24,
            targets: [],
          })
        ).id as string
      const event = async (projectId: string) =>
        (
          await ok("POST", "/v1/events", {
            projectId,
            kind: "regional_workshop",
            title: "Workshop",
            startDate: "2018-03-01",
            endDate: "2018-03-01",
            city: "Русе",
          })
        ).id as string
      institutionId = (
        await ok("POST", "/v1/institutions", {
          name: "Община Русе",
          kind: "municipality",
          level: "local",
          country: "BG",
        })
      ).id as string
      const p1 = await project("MINE")
      const p2 = await project("OTHER")
      mine = { projectId: p1, eventId: await event(p1) }
      other = { projectId: p2, eventId: await event(p2) }
      attendee = await newPerson()
      for (const t of [mine, other])
        await ok("POST", `/v1/events/${t.eventId}/participations`, {
          personId: attendee,
          role: "participant",
          status: "registered",
        })

      roles.coordinator = { ...roles.coordinator!, grants: [{ role: "coordinator", projectIds: [p1] }] }
      roles.case_worker = {
        ...roles.case_worker!,
        grants: [{ role: "case_worker", municipalityIds: [institutionId] }],
      }
      roles.institution_user = {
        ...roles.institution_user!,
        grants: [{ role: "institution_user", institutionId }],
      }
      let n = 0
      for (const [name, role] of Object.entries(roles)) {
        if (!role.grants) continue
        const email = `${name}@scopes.test`
        const password = "scope test passphrase"
        await ok("POST", "/v1/users", { email, displayName: name, password, roles: role.grants })
        const res = await api.request(
          "POST",
          "/v1/sessions",
          { email, password, transport: "bearer" },
          { Authorization: "", "X-Forwarded-For": `10.3.3.${n++}` },
        )
        callers[name] = { Authorization: `Bearer ${((await res.json()) as { token: string }).token}` }
      }
      const key = async (scopes: ReadonlyArray<string>) =>
        `Bearer ${(await ok("POST", "/v1/api-keys", { name: "integrator", scopes })).key as string}`
      callers.integrator = {
        Authorization: await key(["projects:write", "events:write", "dissemination:write", "people:write"]),
      }
      callers.readOnlyIntegrator = {
        Authorization: await key(["projects:read", "events:read", "dissemination:read", "people:read"]),
      }
      callers.adminToken = {}
    })
    afterAll(() => api.dispose())

    it("lets a coordinator write to their own project", async () => {
      for (const write of writes.filter((w) => w.family !== "projects")) {
        const res = await write.send(api, mine, callers.coordinator!, await newPerson())
        expect(res.status, `${write.name}: ${await res.text()}`).toBeLessThan(300)
      }
    })

    it("answers every write naming another project's records by the caller's rights and scope", async () => {
      const failures: Array<string> = []
      for (const write of writes)
        for (const [name, role] of Object.entries(roles)) {
          const headers = callers[name]!
          const person = await newPerson()
          const before = await auditCount()
          const res = await write.send(api, other, headers, person)
          const answer = (await res.json()) as Body
          const label = `${write.name} as ${name}`
          if (!role.writes.includes(write.family)) {
            if (res.status !== 403) failures.push(`${label}: ${res.status}, expected 403`)
          } else if (role.seesOther) {
            if (res.status >= 300)
              failures.push(`${label}: ${res.status} ${JSON.stringify(answer)}, expected success`)
            continue
          } else {
            const absent = await write.send(api, missing, headers, person)
            const expected = (await absent.json()) as Body
            if (res.status !== 404 || absent.status !== 404)
              failures.push(
                `${label}: ${res.status}, a missing record ${absent.status}, expected 404 for both`,
              )
            if (answer.type !== expected.type || answer.title !== expected.title)
              failures.push(
                `${label}: answers ${answer.type} "${answer.title}", a missing record ${expected.type}`,
              )
          }
          const after = await auditCount()
          if (after !== before)
            failures.push(`${label}: refused, but ${after - before} audit entries were written`)
        }
      expect(failures).toEqual([])
    })

    it("gives a coordinator full pages of their own records", async () => {
      // Another project's records come between each of the coordinator's, in id order.
      const mineEvents = new Set([mine.eventId])
      for (let i = 0; i < 5; i++)
        for (const t of [other, other, mine]) {
          const created = (await (await writes[0]!.send(api, t, {})).json()) as { id: string }
          if (t === mine) mineEvents.add(created.id)
          await ok("POST", `/v1/events/${created.id}/participations`, {
            personId: attendee,
            role: "participant",
            status: "registered",
          })
          await writes[4]!.send(api, t, {})
        }
      const walk = async (path: string) => {
        const sizes: Array<number> = []
        const projects = new Set<string>()
        let cursor: string | null = null
        do {
          const url: string = `${path}${path.includes("?") ? "&" : "?"}limit=2${cursor ? `&cursor=${cursor}` : ""}`
          const res = await api.request("GET", url, undefined, callers.coordinator!)
          expect(res.status, url).toBe(200)
          const page = (await res.json()) as {
            items: ReadonlyArray<{ projectId?: string; eventId?: string }>
            nextCursor: string | null
          }
          sizes.push(page.items.length)
          // A participation names its event; an event or an activity its project.
          for (const item of page.items)
            projects.add(item.projectId ?? (mineEvents.has(item.eventId!) ? mine.projectId : "another"))
          cursor = page.nextCursor
        } while (cursor)
        return { sizes, projects: [...projects] }
      }
      for (const path of [
        "/v1/events",
        "/v1/dissemination-activities",
        `/v1/people/${attendee}/participations`,
      ]) {
        const { sizes, projects } = await walk(path)
        expect(projects, path).toEqual([mine.projectId])
        // Every page but the last is full; the last is never empty.
        expect(
          sizes.slice(0, -1).every((s) => s === 2),
          `${path}: ${sizes}`,
        ).toBe(true)
        expect(sizes.at(-1), path).toBeGreaterThan(0)
        expect(
          sizes.reduce((a, b) => a + b, 0),
          path,
        ).toBeGreaterThanOrEqual(5)
      }
      const projects = await api.request("GET", "/v1/projects?limit=1", undefined, callers.coordinator!)
      const page = (await projects.json()) as {
        items: ReadonlyArray<{ id: string }>
        nextCursor: string | null
      }
      expect(page.items.map((p) => p.id)).toEqual([mine.projectId])
      expect(page.nextCursor).toBeNull()
    })
  },
)
