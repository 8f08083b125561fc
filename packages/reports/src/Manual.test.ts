import type { ManualVersion, Practice, Recommendation } from "@coordina/domain"
import { strFromU8, unzipSync } from "fflate"
import { describe, expect, it } from "vitest"
import { pdfPages } from "./ReadBack.js"
import { renderManualDocx } from "./ManualDocx.js"
import { renderManualPdf } from "./ManualPdf.js"

const pagesOf = (bytes: Uint8Array) => pdfPages(bytes, "")

const practice = (id: string, country: string, bg: string, en: string | undefined): Practice =>
  ({
    id,
    country,
    area: "housing",
    level: "local",
    title: { bg, ...(en ? { en } : {}) },
    description: { bg: `Описание на ${bg}`, ...(en ? { en: `About ${en}` } : {}) },
    sources: [{ title: `Доклад ${country}`, url: `https://example.org/${id}`, date: "2019-03-01" }],
    eventIds: [],
    presenterIds: [],
    missingLanguages: en ? [] : ["en"],
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  }) as unknown as Practice

const recommendation: Recommendation = {
  id: "rec-1",
  level: "regional",
  text: {
    bg: "Областните управи да свикват съвет по интеграция",
    en: "Regional governors convene a council",
  },
  practiceIds: [],
  findings: [],
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
} as unknown as Recommendation

const version = {
  manualId: "man-1",
  version: 2,
  publishedAt: "2026-11-20T10:00:00.000Z",
  title: { bg: "Наръчник за добри практики", en: "Manual of good practice" },
  chapters: [
    {
      title: { bg: "Жилищно настаняване", en: "Housing" },
      intro: { bg: "Въведение в жилищата", en: "Housing introduction" },
      recommendations: [recommendation],
      practices: [practice("pra-be", "BE", "Общински жилища в Гент", "Municipal housing in Ghent")],
    },
    {
      title: { bg: "Координация между институциите", en: "Coordination between institutions" },
      recommendations: [],
      practices: [practice("pra-se", "SE", "Шведски модел на координация", undefined)],
    },
  ],
} as unknown as ManualVersion

describe("renderManualPdf", () => {
  it("prints an A4 title page, a table of contents and the chapters in order, in Cyrillic, with sources", async () => {
    const pages = await pagesOf(await renderManualPdf(version, "bg"))
    expect(pages.length).toBeGreaterThanOrEqual(4)
    expect(pages[0]?.view.map(Math.round)).toEqual([0, 0, 595, 842])
    expect(pages[0]?.text).toContain("Наръчник за добри практики")
    expect(pages[0]?.text).toContain("Версия 2")
    const toc = pages[1]?.text ?? ""
    expect(toc).toContain("Съдържание")
    expect(toc).toContain("1. Жилищно настаняване")
    expect(toc).toContain("2. Координация между институциите")
    // The table of contents gives each chapter the page it starts on.
    expect(toc).toMatch(/1\. Жилищно настаняване\s*3/)
    expect(pages[2]?.text).toContain("1. Жилищно настаняване")
    expect(pages[3]?.text).toContain("2. Координация между институциите")
    const body = pages
      .slice(2)
      .map((p) => p.text)
      .join("\n")
    expect(body.indexOf("1. Жилищно настаняване")).toBeLessThan(body.indexOf("2. Координация"))
    expect(body).toContain("Въведение в жилищата")
    expect(body).toContain("Областните управи да свикват съвет по интеграция")
    expect(body).toContain("Общински жилища в Гент")
    expect(body).toContain("Белгия")
    expect(body).toContain("Доклад BE")
    expect(body).toContain("https://example.org/pra-be")
    expect(body).toContain("https://example.org/pra-se")
  })

  it("writes English and marks a text written only in Bulgarian", async () => {
    const pages = await pagesOf(await renderManualPdf(version, "en"))
    const all = pages.map((p) => p.text).join("\n")
    expect(pages[1]?.text).toContain("Contents")
    expect(all).toContain("1. Housing")
    expect(all).toContain("Municipal housing in Ghent")
    expect(all).toContain("Belgium")
    expect(all).toContain("[in Bulgarian only] Шведски модел на координация")
    expect(all).not.toContain("Жилищно настаняване")
  })
})

describe("renderManualPdf with a long table of contents", () => {
  it("carries the contents over to a second page and still numbers every chapter's page", async () => {
    const many = {
      ...version,
      chapters: Array.from({ length: 40 }, (_, i) => ({
        title: { bg: `Глава ${i + 1}` },
        recommendations: [],
        practices: [],
      })),
    } as unknown as ManualVersion
    const pages = await pagesOf(await renderManualPdf(many, "bg"))
    // The title page, two pages of contents, then one page per chapter.
    expect(pages).toHaveLength(43)
    expect(pages[1]?.text).toContain("1. Глава 1")
    expect(pages[2]?.text).toContain("Съдържание")
    expect(pages[2]?.text).toMatch(/40\. Глава 40\s*43/)
    expect(pages[42]?.text).toContain("40. Глава 40")
  })
})

describe("renderManualDocx", () => {
  const documentXml = async (language: "bg" | "en") => {
    const files = unzipSync(await renderManualDocx(version, language))
    expect(Object.keys(files)).toContain("word/document.xml")
    return { xml: strFromU8(files["word/document.xml"]!), files }
  }

  it("has a real TOC field, heading styles and the chapters in order in Cyrillic", async () => {
    const { xml, files } = await documentXml("bg")
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;<\/w:instrText>/)
    expect(xml).toContain('w:fldCharType="begin"')
    const heading1 = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map(
      (m) => m[1],
    )
    expect(heading1).toEqual(["1. Жилищно настаняване", "2. Координация между институциите"])
    expect(xml).toMatch(/<w:pStyle w:val="Heading3"\/>.*?Общински жилища в Гент/)
    expect(xml).toContain("Съдържание")
    expect(xml).toContain("Доклад BE")
    expect(xml).toContain("Въведение в жилищата")
    expect(strFromU8(files["word/settings.xml"]!)).toContain("w:updateFields")
    // A4 in twentieths of a point.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    // The source's address is a real hyperlink.
    expect(strFromU8(files["word/_rels/document.xml.rels"]!)).toContain("https://example.org/pra-be")
  })

  it("writes English when asked", async () => {
    const { xml } = await documentXml("en")
    expect(xml).toContain("1. Housing")
    expect(xml).toContain("[in Bulgarian only] Шведски модел на координация")
    expect(xml).not.toContain("Жилищно настаняване")
  })
})
