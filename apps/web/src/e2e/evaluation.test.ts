/**
 * An event's evaluation end to end: staff hand out the links on the event page, a participant
 * opens theirs on a 390 px phone without an account, answers in Bulgarian, and the result shows
 * on the event page.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

describe.skipIf(!browserAvailable)("event evaluation through a link on a phone, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let staff: Page
  let eventId: string
  let projectId: string

  beforeAll(async () => {
    server = await startServer()
    const project = await server.api<{ id: string }>("POST", "/v1/projects", {
      code: "EVAL-E2E",
      title: "Оценки",
      startDate: "2026-01-01",
      durationMonths: 24,
      targets: [],
    })
    projectId = project.id
    const ruse = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Община Русе",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    const person = await server.api<{ id: string }>("POST", "/v1/people", {
      givenName: "Мария",
      familyName: "Петрова",
      institutionId: ruse.id,
    })
    const event = await server.api<{ id: string }>("POST", "/v1/events", {
      projectId: project.id,
      kind: "regional_workshop",
      title: "Регионален семинар, Русе",
      startDate: "2026-11-10",
      endDate: "2026-11-11",
      city: "Русе",
    })
    eventId = event.id
    await server.api("POST", `/v1/events/${eventId}/participations`, {
      personId: person.id,
      role: "participant",
      status: "registered",
    })
    await server.api("PUT", `/v1/events/${eventId}/participations/${person.id}/attendance`, {
      days: ["2026-11-10"],
    })
    await server.api("PUT", `/v1/events/${eventId}/evaluation`, {
      questions: [
        {
          id: "useful",
          kind: "scale",
          text: { bg: "Полезно ли беше събитието?", en: "Was the event useful?" },
        },
        {
          id: "format",
          kind: "single",
          text: { bg: "Кой формат предпочитате?", en: "Which format do you prefer?" },
          options: [
            { id: "online", text: { bg: "Онлайн", en: "Online" } },
            { id: "inperson", text: { bg: "Присъствено", en: "In person" } },
          ],
        },
        { id: "comment", kind: "text", text: { bg: "Коментар" } },
      ],
      closesAt: "2099-12-31T21:59:00Z",
      usefulness: { questionId: "useful", counts: [4, 5] },
    })
    browser = await launchBrowser()
    staff = await browser.newPage()
    await signIn(staff, server, "en")
    await staff.waitForURL(/\/projects$/)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("hands out a link, takes the answers on a 390 px screen and shows the result", async () => {
    await staff.goto(`${server.url}/events/${eventId}`)
    await staff.getByRole("button", { name: "Hand out links" }).click()
    const links = staff.getByTestId("evaluation-links")
    await expect.poll(() => links.getByRole("row").count()).toBe(2)
    expect(await links.getByRole("cell", { name: "Мария Петрова" }).count()).toBe(1)
    const url = await links.getByRole("link").first().getAttribute("href")
    expect(url).toMatch(/\/evaluate\/[A-Za-z0-9_-]{22}$/)

    // A phone without any session: the link alone opens the questionnaire.
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const phone = await phoneContext.newPage()
    await phone.goto(url!)
    await phone.evaluate(() => localStorage.setItem("coordina.language", "bg"))
    await phone.reload()
    await phone.getByRole("heading", { name: "Регионален семинар, Русе" }).waitFor()
    expect(await phone.getByText("Отговорите ви са анонимни.").count()).toBe(1)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    const scale = phone.getByRole("radiogroup", { name: "Полезно ли беше събитието?" })
    await scale.getByText("5", { exact: true }).tap()
    await phone.getByRole("radiogroup", { name: "Кой формат предпочитате?" }).getByText("Присъствено").tap()
    await phone.getByRole("textbox", { name: "Коментар" }).fill("Много полезно")
    await phone.getByRole("button", { name: "Изпращане на отговорите" }).tap()
    await phone.getByRole("status").filter({ hasText: "Благодарим! Отговорите ви са запазени." }).waitFor()
    // The link now changes the answers instead of giving them again.
    await phone.getByRole("button", { name: "Запазване на промените" }).waitFor()
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phoneContext.close()

    await staff.reload()
    const results = staff.getByTestId("evaluation-results")
    await results.getByText("Respondents: 1").waitFor()
    expect(await staff.getByTestId("useful-share").textContent()).toContain("100%")
    expect(await results.getByRole("listitem").filter({ hasText: "Много полезно" }).count()).toBe(1)
    const inPerson = results.getByRole("row").filter({ hasText: "In person" })
    expect(await inPerson.getByRole("cell").nth(1).textContent()).toBe("1")

    // The project's reach shows the useful share over its events.
    await staff.goto(`${server.url}/projects/${projectId}`)
    await staff.getByTestId("project-useful-share").waitFor()
    expect(await staff.getByTestId("project-useful-share").textContent()).toContain("100%")
  })
  it("builds a questionnaire on the event page", async () => {
    const event = await server.api<{ id: string }>("POST", "/v1/events", {
      projectId,
      kind: "working_meeting",
      title: "Работна среща, Русе",
      startDate: "2026-11-20",
      endDate: "2026-11-20",
      city: "Русе",
    })
    await staff.goto(`${server.url}/events/${event.id}`)
    await staff.getByText("This event has no questionnaire yet.").waitFor()
    const first = staff.getByTestId("question-1")
    await first.getByLabel("Question in Bulgarian").fill("Полезна ли беше срещата?")
    await first.getByLabel("Question in English").fill("Was the meeting useful?")
    await staff.getByRole("button", { name: "Add a question" }).click()
    const second = staff.getByTestId("question-2")
    await second.getByRole("button", { name: /Kind/ }).click()
    await staff.getByRole("option", { name: "One choice" }).click()
    await second.getByLabel("Question in English").fill("Which format?")
    await second.getByLabel("Options in English, one per line").fill("Online\nIn person")
    await staff.getByRole("button", { name: /Question that says whether the event was useful/ }).click()
    await staff.getByRole("option", { name: /Question 1/ }).click()
    await staff.getByRole("button", { name: "Save the questionnaire" }).click()
    await staff.getByRole("status").filter({ hasText: "The questionnaire is saved." }).waitFor()
    const saved = await server.api<{ questions: unknown; usefulness: unknown; anonymous: boolean }>(
      "GET",
      `/v1/events/${event.id}/evaluation`,
    )
    expect(saved.questions).toEqual([
      { id: "q1", kind: "scale", text: { bg: "Полезна ли беше срещата?", en: "Was the meeting useful?" } },
      {
        id: "q2",
        kind: "single",
        text: { en: "Which format?" },
        options: [
          { id: "o1", text: { en: "Online" } },
          { id: "o2", text: { en: "In person" } },
        ],
      },
    ])
    expect(saved.usefulness).toEqual({ questionId: "q1", counts: [4, 5] })
    expect(saved.anonymous).toBe(true)
  })
})
