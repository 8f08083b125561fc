import { mkdirSync } from "node:fs"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, navTo, signIn, startServer, type TestServer } from "./harness.js"

const shots = new URL("../../test-results/screenshots/", import.meta.url).pathname
mkdirSync(shots, { recursive: true })
const header = "given_name,family_name,email,gender,institution_id,institution_name,role,days"

describe.skipIf(!browserAvailable)(
  "sign-in sheets, people search and the reach dashboard, in Chromium",
  () => {
    let server: TestServer
    let browser: Browser
    let page: Page
    let projectId: string
    let eventId: string
    let institutionId: string

    beforeAll(async () => {
      server = await startServer()
      const project = await server.api<{ id: string }>("POST", "/v1/projects", {
        code: "COORD-MECH-2017",
        title: "Подобряване на координационния механизъм",
        startDate: "2017-12-01",
        durationMonths: 16,
        targets: [{ indicator: "direct", value: 270 }],
      })
      projectId = project.id
      const plovdiv = await server.api<{ id: string }>("POST", "/v1/institutions", {
        name: "Община Пловдив",
        kind: "municipality",
        level: "local",
        country: "BG",
        province: "BG421",
      })
      institutionId = plovdiv.id
      await server.api("POST", "/v1/people", {
        givenName: "Мария",
        familyName: "Петрова",
        gender: "female",
        institutionId,
      })
      await server.api("POST", "/v1/people", { givenName: "Ivan", familyName: "Ivanov", institutionId })
      const event = await server.api<{ id: string }>("POST", "/v1/events", {
        projectId,
        kind: "regional_workshop",
        title: "Регионален семинар Пловдив",
        startDate: "2018-03-05",
        endDate: "2018-03-06",
        city: "Пловдив",
        planningRegion: "BG42",
      })
      eventId = event.id
      browser = await launchBrowser()
      page = await browser.newPage()
      await signIn(page, server, "en")
      await page.waitForURL(/\/projects$/)
    })
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    const directReach = () =>
      page.getByRole("region", { name: "Headline figures" }).getByRole("link", { name: /^Direct reach \d/ })

    const openDashboard = async (asOf: string) => {
      await page.goto(`${server.url}/projects/${projectId}?asOf=${asOf}`)
      await expect.poll(() => directReach().count()).toBe(1)
    }

    const uploadSheet = async (name: string, csv: string) => {
      await page.goto(`${server.url}/events/${eventId}`)
      const chooser = page.waitForEvent("filechooser")
      await page.getByRole("button", { name: "Choose a file" }).click()
      await (await chooser).setFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") })
    }

    it("finds Cyrillic names from Latin input and Latin names from Cyrillic input", async () => {
      await navTo(page, "People")
      const search = page.getByRole("searchbox", { name: "Search by name" })
      await search.fill("maria petrova")
      const results = page.getByRole("table", { name: "Search results" })
      await expect.poll(() => results.getByRole("link", { name: "Мария Петрова" }).count()).toBe(1)
      await expect.poll(() => results.getByRole("link", { name: "Ivan Ivanov" }).count()).toBe(0)
      await search.fill("Иванов")
      await expect.poll(() => results.getByRole("link", { name: "Ivan Ivanov" }).count()).toBe(1)
      await expect.poll(() => results.getByRole("link", { name: "Мария Петрова" }).count()).toBe(0)
    })

    it("starts with no direct reach", async () => {
      await openDashboard("2018-12-31")
      await expect.poll(() => directReach().textContent()).toBe("Direct reach 0")
    })

    it("shows every row error of a bad sheet and saves nothing", async () => {
      await uploadSheet(
        "bad.csv",
        [
          header,
          `Maria,Petrova,,female,${institutionId},,participant,2018-03-05`,
          "Георги,Димитров,g.dimitrov@example.bg,male,,Община Пловдив,participant,2018-04-01",
        ].join("\n"),
      )
      const errors = page.getByRole("table", { name: "Errors in the sheet" })
      await expect.poll(() => errors.getByRole("row").count()).toBe(2)
      const cells = await errors.getByRole("row").nth(1).getByRole("cell").allTextContents()
      expect(cells[0]).toBe("3")
      expect(cells[1]).toBe("days")
      expect(cells[2]).toContain("2018-04-01")
      expect(await page.getByRole("alert").first().textContent()).toContain("Nothing was saved")
      expect(await page.getByRole("button", { name: "Import the sheet" }).count()).toBe(0)

      const participations = await server.api<{ items: unknown[] }>(
        "GET",
        `/v1/events/${eventId}/participations`,
      )
      expect(participations.items).toHaveLength(0)
      await openDashboard("2018-12-31")
      await expect.poll(() => directReach().textContent()).toBe("Direct reach 0")
    })

    it("previews a good sheet, imports it on confirmation, and the dashboard's reach changes", async () => {
      await uploadSheet(
        "good.csv",
        [
          header,
          `Maria,Petrova,,female,${institutionId},,participant,2018-03-05`,
          "Георги,Димитров,g.dimitrov@example.bg,male,,Община Пловдив,participant,all",
        ].join("\n"),
      )
      await expect
        .poll(() => page.getByTestId("sheet-summary").textContent())
        .toBe("2 rows: 1 new people, 1 matched to people on file.")
      const preview = page.getByRole("table", { name: "People on the sheet" })
      await expect
        .poll(() =>
          preview.getByRole("row", { name: /Maria Petrova.*Matched by name and institution/ }).count(),
        )
        .toBe(1)
      await expect
        .poll(() => preview.getByRole("row", { name: /Георги Димитров.*New person/ }).count())
        .toBe(1)
      // The preview stored nothing.
      expect(
        (await server.api<{ items: unknown[] }>("GET", `/v1/events/${eventId}/participations`)).items,
      ).toHaveLength(0)

      await page.getByRole("button", { name: "Import the sheet" }).click()
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toBe("The sheet was imported: 2 rows.")

      await openDashboard("2018-12-31")
      await expect.poll(() => directReach().textContent()).toBe("Direct reach 2")
      const byKind = page.getByRole("region", { name: "By institution kind" })
      await expect.poll(() => byKind.getByRole("row", { name: /Municipality/ }).textContent()).toContain("2")
      await expect.poll(() => page.getByRole("figure").count()).toBeGreaterThan(0)

      // Before the event, nobody was reached yet: the as-of date is a typed search parameter.
      await page.getByLabel("As of").fill("2018-03-04")
      await page.waitForURL(/asOf=2018-03-04/)
      await expect.poll(() => directReach().textContent()).toBe("Direct reach 0")
    })

    it("lists the people behind a figure in the reach explorer", async () => {
      await openDashboard("2018-12-31")
      await page
        .getByRole("region", { name: "By gender" })
        .getByRole("link", { name: /Female: 1/ })
        .click()
      await page.waitForURL(/\/explorer/)
      await expect.poll(() => page.getByTestId("explorer-count").textContent()).toBe("1 person")
      await expect.poll(() => page.getByRole("link", { name: "Мария Петрова" }).count()).toBe(1)

      await openDashboard("2018-12-31")
      await directReach().click()
      await page.waitForURL(/indicator=direct/)
      await expect.poll(() => page.getByTestId("explorer-count").textContent()).toBe("2 people")
      await page.getByRole("button", { name: "Sort by Person" }).click()
      const names = await page.getByRole("table").getByRole("link").allTextContents()
      expect(names).toEqual(["Георги Димитров", "Мария Петрова"].sort((a, b) => a.localeCompare(b)))
    })

    it("registers a person found by a Latin spelling and checks them in; reach counts the attended day", async () => {
      await page.goto(`${server.url}/events/${eventId}`)
      const picker = page.getByRole("combobox", { name: "Find a person (Cyrillic or Latin)" })
      await picker.fill("ivanov")
      await page.getByRole("option", { name: /Ivan Ivanov/ }).click()
      await page.getByRole("button", { name: "Register", exact: true }).click()
      await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Ivan Ivanov registered.")
      const days = page.getByRole("group", { name: "Days attended by Ivan Ivanov" })
      await expect.poll(() => days.getByRole("checkbox").count()).toBe(2)
      // Registered but not yet attended: a no-show is not reached.
      await openDashboard("2018-12-31")
      await expect.poll(() => directReach().textContent()).toBe("Direct reach 2")

      await page.goto(`${server.url}/events/${eventId}`)
      await page
        .getByRole("group", { name: "Days attended by Ivan Ivanov" })
        .getByText("6 March 2018")
        .click()
      await expect
        .poll(async () => {
          const p = await server.api<{ items: Array<{ attendedDays: string[] }> }>(
            "GET",
            `/v1/events/${eventId}/participations`,
          )
          return p.items.flatMap((x) => x.attendedDays).filter((d) => d === "2018-03-06").length
        })
        .toBe(2)
      await openDashboard("2018-12-31")
      await expect.poll(() => directReach().textContent()).toBe("Direct reach 3")
    })

    it("compares possible duplicates side by side, merges them and undoes the merge", async () => {
      const sofia = await server.api<{ id: string }>("POST", "/v1/institutions", {
        name: "Столична община",
        kind: "municipality",
        level: "local",
        country: "BG",
        province: "BG411",
      })
      const other = await server.api<{ id: string }>("POST", "/v1/people", {
        givenName: "Maria",
        familyName: "Petrova",
        email: "m.petrova@sofia.bg",
        institutionId: sofia.id,
      })
      await navTo(page, "Possible duplicates")
      const group = page.getByRole("region", { name: /Records named/ })
      await expect.poll(() => group.count()).toBe(1)
      const institutionRow = group.getByRole("row", { name: /^Institution/ })
      await expect.poll(() => institutionRow.textContent()).toContain("Столична община")
      expect(await institutionRow.textContent()).toContain("Община Пловдив")

      await group
        .getByRole("button", {
          name: "Merge Maria Petrova (Столична община) into Мария Петрова (Община Пловдив)",
        })
        .click()
      // A merge asks first, naming what it does to the records.
      const confirm = page.getByRole("alertdialog", { name: "Merge these records?" })
      await expect.poll(() => confirm.textContent()).toContain("will count as Мария Петрова (Община Пловдив)")
      await page.screenshot({ path: `${shots}duplicates-merge-confirm.png` })
      await confirm.getByRole("button", { name: "Merge", exact: true }).click()
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toContain("Maria Petrova (Столична община) was merged into Мария Петрова (Община Пловдив).")
      await expect.poll(() => page.getByRole("region", { name: /Records named/ }).count()).toBe(0)
      expect(
        (await server.api<{ mergedInto?: string }>("GET", `/v1/people/${other.id}`)).mergedInto,
      ).toBeDefined()

      await page.getByRole("button", { name: "Undo" }).click()
      await expect.poll(() => page.getByRole("status").first().textContent()).toContain("was undone")
      await expect.poll(() => page.getByRole("region", { name: /Records named/ }).count()).toBe(1)
      expect(
        (await server.api<{ mergedInto?: string }>("GET", `/v1/people/${other.id}`)).mergedInto,
      ).toBeUndefined()
    })

    it("dismisses a possible-duplicate pair as two people and undoes it", async () => {
      const varna = await server.api<{ id: string }>("POST", "/v1/institutions", {
        name: "Община Варна",
        kind: "municipality",
        level: "local",
        country: "BG",
        province: "BG331",
      })
      for (const id of [institutionId, varna.id])
        await server.api("POST", "/v1/people", {
          givenName: "Стефан",
          familyName: "Гечев",
          institutionId: id,
        })
      await navTo(page, "Possible duplicates")
      // The queue may be open already from the test before, with its list from before these records.
      await page.reload()
      const group = page.getByRole("region", { name: /Records named “Стефан Гечев”/ })
      await expect.poll(() => group.count()).toBe(1)
      await group
        .getByRole("button", {
          name: "Стефан Гечев (Община Пловдив) and Стефан Гечев (Община Варна) are not the same person",
        })
        .click()
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toContain("are marked as different people.")
      await expect.poll(() => group.count()).toBe(0)
      const listed = await server.api<{ items: Array<{ nameKey: string }> }>("GET", "/v1/people/duplicates")
      expect(listed.items.map((g) => g.nameKey)).not.toContain("stefan gechev")
      await page.screenshot({ path: `${shots}duplicates-dismissed.png` })

      await page.getByRole("status").first().getByRole("button", { name: "Undo" }).click()
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toContain("possible duplicates again")
      await expect.poll(() => group.count()).toBe(1)
    })
  },
)
