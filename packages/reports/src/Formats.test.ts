import { ReportDocument } from "@coordina/domain"
import { parse } from "csv-parse/sync"
import ExcelJS from "exceljs"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { pdfPages } from "./ReadBack.js"
import { renderCsv } from "./CsvFormat.js"
import { renderJson } from "./JsonFormat.js"
import { renderPdf } from "./PdfFormat.js"
import { sampleDocument } from "./testing.js"
import { dateFormat, renderXlsx } from "./XlsxFormat.js"

const pdfText = (bytes: Uint8Array) => pdfPages(bytes)

describe("the report's formats, read back", () => {
  const bg = sampleDocument("bg", 60)
  const en = sampleDocument("en")

  it("JSON decodes back to the same document", () => {
    const text = new TextDecoder().decode(renderJson(bg))
    expect(Schema.decodeUnknownSync(ReportDocument)(JSON.parse(text))).toEqual(bg)
    expect(JSON.parse(text)).toMatchObject({ projectId: bg.projectId, kind: "interim", version: 1 })
  })

  it("CSV holds one row per indicator with the figures", () => {
    const bytes = renderCsv(bg)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(Buffer.from(bytes), { bom: true, columns: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(bg.indicators.length)
    expect(
      rows.map((r) => [r.indicator, Number(r.target), Number(r.achieved), Number(r.newInPeriod), r.status]),
    ).toEqual(bg.indicators.map((r) => [r.indicator, r.target, r.achieved, r.newInPeriod, r.status]))
  })

  it("XLSX has a sheet per section, typed cells, a counted-how block and frozen headers", async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await renderXlsx(bg)) as never)
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Идентификация",
      "Индикатори",
      "Подкрепени институции",
      "Дейности",
      "Проведени събития в периода",
      "Информация и публичност",
      "Доказателства",
      "Корекции",
    ])
    const indicators = book.getWorksheet("Индикатори")!
    const view = indicators.views[0] as { state: string; ySplit: number }
    expect(view.state).toBe("frozen")
    const header = indicators.getRow(view.ySplit)
    expect(header.getCell(1).value).toBe("Индикатор")
    expect(header.getCell(4).value).toBe("Цел")
    // The block above the table names each indicator and how it is counted.
    expect(indicators.getRow(4).getCell(2).value).toBe("Как се брои")
    expect(String(indicators.getRow(5).getCell(1).value)).toBe("Пряк обхват")
    expect(String(indicators.getRow(5).getCell(2).value)).toContain("Различни лица от целевата група")
    const first = indicators.getRow(view.ySplit + 1)
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Number)
    expect(first.getCell(4).value).toBe(bg.indicators[0]!.target)
    expect(first.getCell(5).value).toBe(bg.indicators[0]!.achieved)
    expect(first.getCell(7).type).toBe(ExcelJS.ValueType.Number)
    const period = indicators.getRow(2)
    expect(period.getCell(2).type).toBe(ExcelJS.ValueType.Date)
    expect((period.getCell(2).value as Date).toISOString().slice(0, 10)).toBe(bg.periodStart)
    expect(period.getCell(2).numFmt).toBe(dateFormat)
    const events = book.getWorksheet("Проведени събития в периода")!
    const eventsHeader = (events.views[0] as { ySplit: number }).ySplit
    expect(events.rowCount).toBe(eventsHeader + bg.events.length)
    const row = events.getRow(eventsHeader + 1)
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Date)
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Number)
  })

  it("PDF is A4 with Cyrillic text, tables, the chart's legend and page numbers, read by pdf.js", async () => {
    const bytes = await renderPdf(bg)
    const pages = await pdfText(bytes)
    expect(pages.length).toBeGreaterThan(1)
    for (const p of pages) expect(p.view.map(Math.round)).toEqual([0, 0, 595, 842])
    const all = pages.map((p) => p.text).join("\n")
    expect(all).toContain("Междинен технически доклад")
    expect(all).toContain("Подобряване на координационния механизъм")
    expect(all).toContain("Обхват спрямо очаквания")
    expect(all).toContain("Регионален семинар № 60")
    expect(all).toContain("Проведени семинари в Ловеч и Русе.")
    expect(all).toContain("присъствен-списък.pdf")
    for (const [i, p] of pages.entries()) expect(p.text).toContain(`Страница ${i + 1} от ${pages.length}`)
    // The font is embedded (a TrueType subset), not referenced.
    const raw = Buffer.from(bytes).toString("latin1")
    expect(raw).toMatch(/\/FontFile2/)
    expect(raw).toMatch(/DejaVuSans/)
  })

  it("PDF in English says the same in English", async () => {
    const all = (await pdfText(await renderPdf(en))).map((p) => p.text).join("\n")
    expect(all).toContain("Interim technical report")
    expect(all).toContain("Reach against the expected line")
    expect(all).toContain("Page 1 of")
  })
})

describe("the evaluations' useful share in the report's formats", () => {
  const withShare = (d: ReportDocument, share: number): ReportDocument => ({
    ...d,
    reach: { ...d.reach, asOfEnd: { ...d.reach.asOfEnd, usefulShare: share } },
  })
  const bg = withShare(sampleDocument("bg"), 19 / 24)
  const en = withShare(sampleDocument("en"), 0.5)
  const without = sampleDocument("bg")

  it("JSON keeps it beside the targets and decodes back", () => {
    const json = JSON.parse(new TextDecoder().decode(renderJson(bg)))
    expect(json.reach.asOfEnd.usefulShare).toBeCloseTo(19 / 24, 12)
    expect(json.reach.asOfEnd.targets).toEqual(bg.reach.asOfEnd.targets)
    expect(Schema.decodeUnknownSync(ReportDocument)(json)).toEqual(bg)
    expect("usefulShare" in JSON.parse(new TextDecoder().decode(renderJson(without))).reach.asOfEnd).toBe(
      false,
    )
  })

  it("CSV adds it as the last column, the existing columns unchanged", () => {
    const read = (d: ReportDocument) =>
      parse(Buffer.from(renderCsv(d)), { bom: true, columns: true }) as Array<Record<string, string>>
    const rows = read(bg)
    const plain = read(without)
    expect(Object.keys(rows[0]!).at(-1)).toBe("usefulShare")
    expect(Object.keys(rows[0]!).slice(0, -1)).toEqual(Object.keys(plain[0]!).slice(0, -1))
    expect(rows.map((r) => Number(r.usefulShare))).toEqual(bg.indicators.map(() => 19 / 24))
    expect(plain.every((r) => r.usefulShare === "")).toBe(true)
    expect(rows.map(({ usefulShare: _u, ...r }) => r)).toEqual(plain.map(({ usefulShare: _u, ...r }) => r))
  })

  it("XLSX names it under the indicators' notes as a percent-formatted number", async () => {
    const load = async (d: ReportDocument) => {
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(Buffer.from(await renderXlsx(d)) as never)
      return book.getWorksheet("Индикатори")!
    }
    const sheet = await load(bg)
    const plain = await load(without)
    const ySplit = (sheet.views[0] as { ySplit: number }).ySplit
    // One line more above the header; the table below is the same.
    expect(ySplit).toBe((plain.views[0] as { ySplit: number }).ySplit + 1)
    const line = sheet.getRow(ySplit - 2)
    expect(line.getCell(1).value).toBe("Намират събитията за полезни")
    expect(line.getCell(2).type).toBe(ExcelJS.ValueType.Number)
    expect(line.getCell(2).value).toBeCloseTo(19 / 24, 12)
    expect(line.getCell(2).numFmt).toBe("0%")
    expect(String(line.getCell(3).value)).toContain("въпроса за полезност")
    expect(sheet.getRow(ySplit + 1).getCell(4).value).toBe(bg.indicators[0]!.target)
    expect(sheet.rowCount - ySplit).toBe(bg.indicators.length)
  })

  it("PDF says it after the indicators, in the reader's language, and not when there is none", async () => {
    const bgText = (await pdfText(await renderPdf(bg))).map((p) => p.text).join("\n")
    expect(bgText).toContain("Намират събитията за полезни: 79%")
    const enText = (await pdfText(await renderPdf(en))).map((p) => p.text).join("\n")
    expect(enText).toContain("Found the events useful: 50%")
    const plainText = (await pdfText(await renderPdf(without))).map((p) => p.text).join("\n")
    expect(plainText).not.toContain("Намират събитията за полезни")
  })
})
