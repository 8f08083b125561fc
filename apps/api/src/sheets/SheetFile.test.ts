import { SheetTooLarge, SignInSheetRejected } from "@coordina/domain"
import { Effect, Either } from "effect"
import ExcelJS from "exceljs"
import iconv from "iconv-lite"
import { describe, expect, it } from "vitest"
import {
  csvOfValidRows,
  xlsxLyingAboutSize,
  xlsxUnpackingTo,
  xlsxWithFarRow,
} from "../testing/HostileSheets.js"
import {
  cellText,
  decodeText,
  detectSeparator,
  makeUploadWatch,
  readSheetFile,
  sheetLimits,
  xlsxType,
} from "./SheetFile.js"

const header = [
  "given_name",
  "family_name",
  "email",
  "gender",
  "institution_id",
  "institution_name",
  "role",
  "days",
]

const read = (bytes: Uint8Array, type?: string) =>
  Effect.runPromise(Effect.either(readSheetFile(bytes, type)))

const table = async (bytes: Uint8Array, type?: string) => {
  const result = await read(bytes, type)
  if (Either.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

const rejected = async (bytes: Uint8Array, type?: string) => {
  const result = await read(bytes, type)
  if (Either.isRight(result)) throw new Error("expected a rejection")
  if (!(result.left instanceof SignInSheetRejected)) throw new Error(`expected a rejection: ${result.left}`)
  return result.left.errors
}

const csv = (sep: string, eol: string, rows: ReadonlyArray<ReadonlyArray<string>>) =>
  rows
    .map((r) =>
      r.map((c) => (c.includes(sep) || c.includes('"') ? `"${c.replaceAll('"', '""')}"` : c)).join(sep),
    )
    .join(eol) + eol

const rows = [
  header,
  ["Мария", "Петрова", "maria@example.bg", "female", "", "Столична община", "participant", "all"],
  ["Георги", "Стоянов-Кирова", "", "male", "ins_1", "", "speaker", "2018-05-10;2018-05-11"],
]

describe("readSheetFile: CSV", () => {
  for (const sep of [",", ";"])
    for (const eol of ["\n", "\r\n"])
      for (const encoding of ["utf8", "utf8-bom", "win1251"] as const) {
        it(`reads ${encoding}, separator ${JSON.stringify(sep)}, ${JSON.stringify(eol)} line ends`, async () => {
          const text = csv(sep, eol, rows)
          const bytes =
            encoding === "win1251"
              ? iconv.encode(text, "win1251")
              : Buffer.from(encoding === "utf8-bom" ? `\uFEFF${text}` : text, "utf8")
          const read = await table(bytes, "text/csv")
          expect(read.header).toEqual(header)
          expect(read.rows).toEqual(rows.slice(1))
        })
      }

  it("keeps quoted separators, quotes and line breaks inside a field", async () => {
    const text = `${header.join(";")}\r\n"Ана; Мария";"Иванова ""Ани""";;;;"Община\r\nПример";;all\r\n`
    const read = await table(Buffer.from(text), "text/csv")
    expect(read.rows[0]!.slice(0, 2)).toEqual(["Ана; Мария", 'Иванова "Ани"'])
    expect(read.rows[0]![5]).toBe("Община\r\nПример")
  })

  it("keeps blank rows in place so later rows keep their numbers, and drops trailing ones", async () => {
    const text = `${header.join(",")}\nА,Б,,,,,,all\n,,,,,,,\nВ,Г,,,,,,all\n,,,,,,,\n\n`
    const read = await table(Buffer.from(text))
    expect(read.rows).toHaveLength(3)
    expect(read.rows[2]![0]).toBe("В")
  })

  it("reports a malformed quote with its line", async () => {
    const errors = await rejected(Buffer.from(`${header.join(",")}\n"Open,quote,,,,,,all\n`), "text/csv")
    expect(errors[0]).toMatchObject({ row: 0, column: "" })
    expect(errors[0]!.message).toMatch(/CSV could not be read/)
  })

  it("detects the separator from the header line, ignoring quoted ones", () => {
    expect(detectSeparator('"a,b";c;d\n1,2,3,4')).toBe(";")
    expect(detectSeparator("a,b,c\r\n1;2;3;4;5")).toBe(",")
  })

  it("decodes invalid UTF-8 as Windows-1251", () => {
    expect(decodeText(iconv.encode("Мария Щерева", "win1251"))).toBe("Мария Щерева")
    expect(decodeText(Buffer.from("Мария Щерева", "utf8"))).toBe("Мария Щерева")
  })
})

const workbook = async (build: (sheet: ExcelJS.Worksheet) => void, extraSheet = false) => {
  const wb = new ExcelJS.Workbook()
  build(wb.addWorksheet("Attendees"))
  if (extraSheet) wb.addWorksheet("Notes").addRow(["not", "read"])
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe("readSheetFile: XLSX", () => {
  it("reads the first sheet with typed cells: a date cell becomes an ISO date", async () => {
    const bytes = await workbook((s) => {
      s.addRow(header)
      s.addRow(["Мария", "Петрова", "maria@example.bg", "female", "", "Столична община", "", "all"])
      s.addRow([
        "Ivan",
        "Ivanov",
        { text: "ivan@example.bg", hyperlink: "mailto:ivan@example.bg" },
        "",
        42,
        "",
        "",
        new Date(Date.UTC(2018, 4, 10)),
      ])
    }, true)
    const read = await table(bytes, xlsxType)
    expect(read.header).toEqual(header)
    expect(read.rows[0]).toEqual([
      "Мария",
      "Петрова",
      "maria@example.bg",
      "female",
      "",
      "Столична община",
      "",
      "all",
    ])
    expect(read.rows[1]).toEqual(["Ivan", "Ivanov", "ivan@example.bg", "", "42", "", "", "2018-05-10"])
  })

  it("is recognised by its bytes even when sent as application/octet-stream", async () => {
    const bytes = await workbook((s) => {
      s.addRow(header)
      s.addRow(["А", "Б"])
    })
    const read = await table(bytes, "application/octet-stream")
    expect(read.rows).toEqual([["А", "Б"]])
  })

  it("keeps the spreadsheet row numbers across blank rows", async () => {
    const bytes = await workbook((s) => {
      s.getRow(1).values = header
      s.getRow(2).values = ["А", "Б"]
      s.getRow(4).values = ["В", "Г"]
    })
    const read = await table(bytes)
    expect(read.rows).toEqual([["А", "Б"], [], ["В", "Г"]])
  })

  it("turns rich text, formulas and numbers into text", () => {
    expect(cellText({ richText: [{ text: "Ма" }, { text: "рия" }] })).toBe("Мария")
    expect(cellText({ formula: "A1", result: 7 } as ExcelJS.CellValue)).toBe("7")
    expect(cellText(3.5)).toBe("3.5")
    expect(cellText(null)).toBe("")
  })

  it("rejects an empty workbook and a ZIP that is not a workbook", async () => {
    const empty = await workbook(() => {})
    expect((await rejected(empty))[0]!.message).toMatch(/empty/)
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])
    expect((await rejected(zip))[0]!.message).toMatch(/not an XLSX/)
  })
})

describe("readSheetFile: not a sheet", () => {
  it("rejects an empty body", async () => {
    expect(await rejected(new Uint8Array(), "text/csv")).toEqual([
      expect.objectContaining({ row: 0, column: "", message: expect.stringMatching(/empty/) }),
    ])
  })

  it("names a PDF and an image", async () => {
    expect((await rejected(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "application/pdf"))[0]!.message).toMatch(
      /PDF/,
    )
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    expect((await rejected(png, "image/png"))[0]!.message).toMatch(/PNG image/)
  })

  it("rejects random bytes as binary", async () => {
    let seed = 7
    const bytes = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed & 0xff
    })
    expect((await rejected(bytes, "application/octet-stream"))[0]!.message).toMatch(/binary/)
  })

  it("rejects text declared as XLSX", async () => {
    expect((await rejected(Buffer.from("a,b\n"), xlsxType))[0]!.message).toMatch(/not one/)
  })

  it("rejects a sheet with only blank lines", async () => {
    expect((await rejected(Buffer.from("\r\n\r\n"), "text/csv"))[0]!.message).toMatch(/empty/)
  })
})

const tooLarge = async (bytes: Uint8Array, type?: string) => {
  const result = await read(bytes, type)
  if (Either.isRight(result)) throw new Error("expected a refusal")
  if (!(result.left instanceof SheetTooLarge))
    throw new Error(`expected SheetTooLarge: ${result.left.message}`)
  return result.left
}

describe("readSheetFile: limits, checked while reading", () => {
  it("refuses a 1.5 KB workbook with a cell on row 1,048,576 or 20,000,000 by its row", async () => {
    for (const row of [1_048_576, 20_000_000]) {
      const bytes = xlsxWithFarRow(row)
      expect(bytes.length).toBeLessThan(2_000)
      const refused = await tooLarge(bytes, xlsxType)
      expect(refused).toMatchObject({ limit: "rows", maximum: sheetLimits.rows, row })
    }
  })

  it("refuses a workbook that unpacks to 98 MB by its declared size, and one that lies about it while inflating", async () => {
    expect(await tooLarge(xlsxUnpackingTo(98))).toMatchObject({ limit: "unpackedBytes" })
    const lying = await read(xlsxLyingAboutSize(98))
    expect(Either.isLeft(lying)).toBe(true)
    // yauzl finds the lie (more bytes than declared) before the budget is spent.
    expect(Either.isLeft(lying) && lying.left.message).toMatch(/not an XLSX|unpacks to more/)
  })

  it("refuses more rows, columns or cell characters than the limits, naming the limit", async () => {
    const limits = { ...sheetLimits, rows: 3, columns: 9, cellLength: 20 }
    const rows = (n: number) =>
      [header.join(","), ...Array.from({ length: n }, () => "А,Б,,,,,,all")].join("\n")
    const limited = (bytes: Uint8Array) =>
      Effect.runPromise(Effect.flip(readSheetFile(bytes, "text/csv", limits)))
    expect(Either.isRight(await read(Buffer.from(rows(3))))).toBe(true)
    expect(await limited(Buffer.from(rows(4)))).toMatchObject({
      _tag: "SheetTooLarge",
      limit: "rows",
      row: 5,
    })
    expect(await limited(Buffer.from(`${rows(1)},,x\n`))).toMatchObject({ limit: "columns", row: 2 })
    expect(await limited(Buffer.from(`${rows(1)}\n${"Я".repeat(21)},Б,,,,,,all\n`))).toMatchObject({
      limit: "cellLength",
      row: 3,
    })
    // Blank lines beyond the last row cost nothing and are not rows.
    expect(
      Either.isRight(
        await Effect.runPromise(
          Effect.either(readSheetFile(Buffer.from(`${rows(3)}${"\n".repeat(100_000)}`), "text/csv", limits)),
        ),
      ),
    ).toBe(true)
  })

  it("refuses a 15 MB CSV of valid rows at the row limit, quickly", async () => {
    const bytes = csvOfValidRows(15, "ins_1")
    const started = performance.now()
    expect(await tooLarge(bytes, "text/csv")).toMatchObject({ limit: "rows", row: sheetLimits.rows + 2 })
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it("refuses a CSV line longer than the record limit before it is complete", async () => {
    const limits = { ...sheetLimits, rowBytes: 1_000 }
    const bytes = Buffer.from(`${header.join(",")}\n"${"x".repeat(5_000)}",Б,,,,,,all\n`)
    expect(await Effect.runPromise(Effect.flip(readSheetFile(bytes, "text/csv", limits)))).toMatchObject({
      limit: "rowBytes",
    })
  })
})

describe("makeUploadWatch", () => {
  it("refuses a CSV by its rows while it arrives, in pieces cut anywhere, and never a workbook", async () => {
    const csv = csvOfValidRows(6, "ins_1")
    const watch = makeUploadWatch()
    let refused: unknown
    for (let at = 0; at < csv.length && !refused; at += 1 + (at % 7))
      refused = watch(csv.subarray(at, at + 1 + (at % 7)))
    expect(refused).toMatchObject({ _tag: "SheetTooLarge", limit: "rows", row: sheetLimits.rows + 2 })
    const lines = Buffer.from("\n".repeat(200_000))
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b]),
      Buffer.from([0x03, 0x04]),
      Buffer.from("a\n".repeat(60_000)),
    ])
    const zipWatch = makeUploadWatch()
    expect([zip.subarray(0, 1), zip.subarray(1, 3), zip.subarray(3)].map(zipWatch)).toEqual([
      undefined,
      undefined,
      undefined,
    ])
    expect(makeUploadWatch()(lines)).toBeUndefined()
  })
})
