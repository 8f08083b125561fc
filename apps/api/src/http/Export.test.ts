import ExcelJS from "exceljs"
import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { type ExportColumn, sendExport } from "./Export.js"

interface Row {
  readonly n: number
  readonly day: string
}

const columns: ReadonlyArray<ExportColumn<Row>> = [
  { header: { bg: "Номер", en: "Number" }, value: (r) => r.n },
  { header: { bg: "Ден", en: "Day" }, value: (r) => ({ date: r.day }) },
  { header: { bg: "Текст", en: "Text" }, value: (r) => `ред ${r.n} `.repeat(8) },
]

/** `count` rows, made only as the writer asks for them; `made()` says how many so far. */
const rowsOf = (count: number) => {
  let made = 0
  async function* rows(): AsyncGenerator<Row> {
    for (let n = 1; n <= count; n++) {
      made = n
      yield { n, day: "2026-01-31" }
    }
  }
  return { rows: rows(), made: () => made }
}

const appFor = (format: "csv" | "xlsx", source: ReturnType<typeof rowsOf>) =>
  new Hono().get("/", (c) =>
    sendExport(c, { format, filename: "list", sheetName: "List", columns, rows: source.rows }),
  )

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

describe("exports of lists", () => {
  for (const format of ["csv", "xlsx"] as const) {
    it(`stops making ${format} rows while nobody reads, and writes 100,000 once read`, async () => {
      const source = rowsOf(100_000)
      const res = await appFor(format, source).request("/?lang=en")
      const reader = res.body!.getReader()
      const first = await reader.read()
      // Compressed XLSX fills the buffers slowly; once they are full, the writer waits.
      await pause(1500)
      const whilePaused = source.made()
      await pause(500)
      // Nothing read meanwhile: the writer waits instead of buffering the rest of the list.
      expect(source.made()).toBe(whilePaused)
      expect(whilePaused).toBeLessThan(50_000)
      const chunks: Array<Uint8Array> = first.value ? [first.value] : []
      for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
      expect(source.made()).toBe(100_000)
      const bytes = Buffer.concat(chunks)
      if (format === "csv") {
        const lines = bytes.toString("utf8").trimEnd().split("\n")
        expect(lines.length).toBe(100_001)
        expect(lines[0]).toBe("\ufeffNumber,Day,Text")
        expect(lines[100_000]).toMatch(/^100000,2026-01-31,/)
      } else {
        expect(bytes.subarray(0, 2).toString()).toBe("PK")
      }
    }, 120_000)
  }

  it("writes typed XLSX cells under headers in the language asked for", async () => {
    const res = await appFor("xlsx", rowsOf(3)).request("/?lang=bg")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).values).toEqual([undefined, "Номер", "Ден", "Текст"])
    expect(sheet.getRow(2).getCell(1).value).toBe(1)
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date("2026-01-31T00:00:00Z"))
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="list.xlsx"')
  })
})
