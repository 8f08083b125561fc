import { ReportJobs } from "@coordina/app"
import { testDatabases } from "@coordina/store/testing"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const options = { worker: "test-worker", leaseSeconds: 30, maxAttempts: 3 }

describe.each(testDatabases())(
  "the review's counts in a report when agreements are in scope, on $name",
  (db) => {
    let api: TestApp
    const must = async (method: string, path: string, body?: unknown): Promise<Body> => {
      const res = await api.json<Body>(method, path, body)
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body
    }
    const project = (code: string, agreementsInScope?: boolean) =>
      must("POST", "/v1/projects", {
        code,
        title: "Координационен механизъм",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [{ indicator: "direct", value: 4 }],
        ...(agreementsInScope === undefined ? {} : { agreementsInScope }),
      })
    const reportOf = async (projectId: string) => {
      const queued = await must("POST", `/v1/projects/${projectId}/reports`, {
        kind: "interim",
        periodStart: "2018-01-01",
        periodEnd: "2018-06-30",
      })
      await api.run(
        Effect.gen(function* () {
          const jobs = yield* ReportJobs
          while (yield* jobs.runNext(options)) {}
        }),
      )
      return must("GET", `/v1/reports/${queued.id}/json`)
    }

    beforeAll(async () => {
      if (!db.available) return
      api = await startTestApp(db)
      const municipality = await must("POST", "/v1/institutions", {
        name: "Община Ловеч",
        kind: "municipality",
        level: "local",
        country: "BG",
      })
      const offer = await must("POST", "/v1/municipal-offers", {
        municipalityId: municipality.id,
        date: "2017-12-01",
        capacity: 5,
        plannedAreas: [],
      })
      const intent = async (intentDate: string) => {
        const beneficiary = await must("POST", "/v1/beneficiaries", {
          statusKind: "refugee",
          statusDecisionDate: "2017-12-01",
          familyMembers: 0,
          personal: { givenName: "Ahmad", familyName: "Haddad" },
        })
        return must("POST", "/v1/agreements", { beneficiaryId: beneficiary.id, intentDate })
      }
      // One intent before the period, matched in it; one intent in the period; one after it.
      const early = await intent("2017-12-20")
      await must("POST", `/v1/agreements/${early.id}/match`, { offerId: offer.id, date: "2018-02-01" })
      await intent("2018-03-10")
      await intent("2018-07-15")
    })
    afterAll(() => api?.dispose())

    it.skipIf(!db.available)(
      "carries the review's funnel at the period's end and what is new in it, only for a project whose scope covers agreements",
      async () => {
        const inScope = await project("AGR-IN", true)
        expect(inScope.agreementsInScope).toBe(true)
        expect((await must("GET", `/v1/projects/${inScope.id}`)).agreementsInScope).toBe(true)
        const content = await reportOf(inScope.id as string)
        const review = await must("GET", "/v1/review?asOf=2018-06-30")
        const funnel = (review.total as Body).funnel as Body
        expect((content.agreements as Body).asOfEnd).toEqual(funnel)
        expect(funnel).toMatchObject({ intents: 2, matched: 1 })
        expect((content.agreements as Body).newInPeriod).toEqual({
          intents: 1,
          matched: 1,
          concluded: 0,
          extended: 0,
        })
        expect(JSON.stringify(content.agreements)).not.toContain("Ahmad")

        for (const without of [await project("AGR-OUT"), await project("AGR-OFF", false)]) {
          expect(without.agreementsInScope).toBeUndefined()
          expect((await reportOf(without.id as string)).agreements).toBeUndefined()
        }
      },
    )
  },
)
