/**
 * The PDF format, with pdfkit: A4, in Bulgarian or English, DejaVu Sans embedded (subset) so
 * Cyrillic shows everywhere, the sections as tables, a chart of reach against the expected line,
 * and "page n of m" on every page.
 *
 * pdfkit rather than pdfmake: pdfmake is a layout layer on top of pdfkit (its 0.3 line pins an
 * older pdfkit) and weighs 39 MB in node_modules against pdfkit's 26 MB, and pdfkit streams pages
 * as they are made. Tables are drawn row by row here (see `table`). Both embed the same fontkit subsets, so the files
 * are of the same size.
 * @module
 */
import { fileURLToPath } from "node:url"
import type { ReportDocument } from "@coordina/domain"
import { indicatorName, type Labels, labelsOf, percent } from "./Labels.js"
import { pdfDocumentClass } from "./Pdfkit.js"

// Fonts are given by path: pdfkit caches a font by its source, and a buffer source made every
// font switch in a table cost as much as loading the font again (25 rows took 7 s, by path 2 s).
const font = (name: string) => fileURLToPath(new URL(`../fonts/${name}`, import.meta.url))
const regular = font("DejaVuSans.ttf")
const bold = font("DejaVuSans-Bold.ttf")

const margin = 48
const ink = "#1f2933"
const accent = "#1d5c96"
const muted = "#7b8794"

type Doc = PDFKit.PDFDocument

const heading = (doc: Doc, text: string) => {
  if (doc.y > doc.page.height - margin - 120) doc.addPage()
  doc.moveDown(0.8).font(bold).fontSize(13).fillColor(accent).text(text, margin).fillColor(ink).moveDown(0.3)
  doc.font(regular).fontSize(8.5)
}

const border = "#cbd2d9"
const headerFill = "#e8eef4"
const pad = { x: 3, y: 2 }
const tableFontSize = 8

/** Column widths: fixed ones as given, the `*` ones sharing what is left of the line. */
const columnWidths = (doc: Doc, count: number, widths?: ReadonlyArray<number | "*">) => {
  const total = doc.page.width - 2 * margin
  const spec = widths ?? Array.from({ length: count }, () => "*" as const)
  const fixed = spec.reduce<number>((sum, w) => sum + (w === "*" ? 0 : w), 0)
  const stars = spec.filter((w) => w === "*").length
  return spec.map((w) => (w === "*" ? Math.max(20, (total - fixed) / Math.max(1, stars)) : w))
}

/**
 * Whether a cell's text surely fits on one line of its column, judged from its length at a
 * generous average glyph width (DejaVu Sans averages about 0.6 em), so it needs no measuring.
 */
const oneLine = (text: string, width: number) =>
  text.length * tableFontSize * 0.75 < width - 2 * pad.x && !text.includes("\n")

/**
 * A cell's text broken into the lines of its column, greedily at spaces (a word wider than the
 * column at characters), each line measured with the current font. Kept per font, width and
 * text: a table repeats few distinct texts (event kinds, cities), and pdfkit's line wrapper,
 * which measured and broke every such cell twice (its height, then its drawing), was a fifth
 * of a 2,000-event report's time.
 */
const wrapper = (doc: Doc) => {
  const cache = new Map<string, ReadonlyArray<string>>()
  const fits = (text: string, width: number) => doc.widthOfString(text) <= width
  const breakWord = (word: string, width: number, lines: Array<string>) => {
    let line = ""
    for (const ch of word) {
      if (line !== "" && !fits(line + ch, width)) {
        lines.push(line)
        line = ""
      }
      line += ch
    }
    return line
  }
  return (text: string, width: number, isHeader: boolean): ReadonlyArray<string> => {
    const key = `${isHeader ? "b" : "r"}${width}|${text}`
    const known = cache.get(key)
    if (known) return known
    const lines: Array<string> = []
    for (const paragraph of text.split("\n")) {
      let line = ""
      for (const word of paragraph.split(" ")) {
        const joined = line === "" ? word : `${line} ${word}`
        if (fits(joined, width)) line = joined
        else {
          if (line !== "") lines.push(line)
          line = fits(word, width) ? word : breakWord(word, width, lines)
        }
      }
      lines.push(line)
    }
    cache.set(key, lines)
    return lines
  }
}

/**
 * A table drawn row by row with pdfkit's primitives (a rectangle and a text box per cell): the
 * header repeats on each new page. pdfkit's own `table` lays every cell out twice and took
 * about 9 s for 2,000 rows; this measures only cells that may wrap.
 */
const table = (
  doc: Doc,
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  widths?: ReadonlyArray<number | "*">,
  none?: string,
) => {
  if (rows.length === 0) {
    doc
      .font(regular)
      .fontSize(9)
      .fillColor(muted)
      .text(none ?? "", margin)
      .fillColor(ink)
    return
  }
  const cols = columnWidths(doc, header.length, widths)
  const bottom = doc.page.height - margin
  const wrap = wrapper(doc)
  const drawRow = (cells: ReadonlyArray<string>, isHeader: boolean) => {
    doc.font(isHeader ? bold : regular).fontSize(tableFontSize)
    const lineHeight = doc.currentLineHeight(true)
    const lines = cells.map((text, i) =>
      oneLine(text, cols[i]!) ? [text] : wrap(text, cols[i]! - 2 * pad.x, isHeader),
    )
    const height = Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * pad.y
    if (doc.y + height > bottom) {
      doc.addPage()
      if (!isHeader) drawRow(header, true)
      doc.font(regular).fontSize(tableFontSize)
    }
    const top = doc.y
    const width = cols.reduce((sum, w) => sum + w, 0)
    if (isHeader) doc.rect(margin, top, width, height).fill(headerFill)
    // The row's frame and its column rules as one path: one stroke a row, not one a cell.
    doc.rect(margin, top, width, height)
    let rule = margin
    for (const w of cols.slice(0, -1)) {
      rule += w
      doc.moveTo(rule, top).lineTo(rule, top + height)
    }
    doc.lineWidth(0.5).strokeColor(border).stroke()
    doc.fillColor(ink)
    let x = margin
    // Lines drawn without pdfkit's line wrapper, which costs more than the glyphs.
    lines.forEach((cell, i) => {
      cell.forEach((text, k) => {
        if (text !== "") doc.text(text, x + pad.x, top + pad.y + k * lineHeight, { lineBreak: false })
      })
      x += cols[i]!
    })
    doc.x = margin
    doc.y = top + height
  }
  drawRow(header, true)
  for (const row of rows)
    drawRow(
      row.map((v) => String(v)),
      false,
    )
  doc.font(regular).fontSize(8.5)
}

/** Reach and the expected line over time, drawn with pdfkit's vector primitives. */
const chart = (doc: Doc, d: ReportDocument, l: Labels) => {
  const points = d.reach.series
  if (points.length < 2) return
  const indicator = d.reach.asOfEnd.targets.some((t) => t.indicator === "total") ? "total" : "direct"
  const values = points.map((p) => p[indicator])
  const expected = points.map((p) => p.expected[indicator])
  const top = Math.max(1, ...values, ...expected.map((e) => e ?? 0))
  heading(doc, `${l.sections.chart} (${l.indicator[indicator]})`)
  const x0 = margin + 30
  const y0 = doc.y
  const w = doc.page.width - 2 * margin - 40
  const h = 160
  const x = (i: number) => x0 + (w * i) / (points.length - 1)
  const y = (v: number) => y0 + h - (h * v) / top
  doc.save().lineWidth(0.5).strokeColor("#cbd2d9")
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    doc
      .moveTo(x0, y(top * f))
      .lineTo(x0 + w, y(top * f))
      .stroke()
    doc
      .fontSize(7)
      .fillColor(muted)
      .text(String(Math.round(top * f)), margin, y(top * f) - 4, { width: 26, align: "right" })
  }
  doc.restore()
  const line = (series: ReadonlyArray<number | undefined>, color: string, dash: boolean) => {
    doc.save().lineWidth(1.6).strokeColor(color)
    if (dash) doc.dash(4, { space: 3 })
    let started = false
    series.forEach((v, i) => {
      if (v === undefined) return
      if (started) doc.lineTo(x(i), y(v))
      else doc.moveTo(x(i), y(v))
      started = true
    })
    doc.stroke().undash().restore()
  }
  line(expected, muted, true)
  line(values, accent, false)
  doc.fontSize(7).fillColor(muted)
  doc.text(points[0]!.asOf, x0, y0 + h + 4, { lineBreak: false })
  doc.text(points.at(-1)!.asOf, x0 + w - 50, y0 + h + 4, { width: 50, align: "right", lineBreak: false })
  const legend = y0 + h + 16
  doc.rect(x0, legend + 2, 10, 3).fill(accent)
  doc.fillColor(ink).text(l.indicator[indicator] ?? indicator, x0 + 14, legend, { lineBreak: false })
  doc.rect(x0 + 140, legend + 2, 10, 3).fill(muted)
  doc.fillColor(ink).text(l.columns.expectedLine, x0 + 154, legend, { lineBreak: false })
  doc.x = margin
  doc.y = legend + 16
}

const body = (doc: Doc, d: ReportDocument, l: Labels) => {
  const c = l.columns
  const id = d.identity
  doc.font(bold).fontSize(17).fillColor(accent).text(l.kind[d.kind], margin)
  doc.font(regular).fontSize(11).fillColor(ink).text(`${id.code} — ${id.title}`).moveDown(0.5)
  const facts: ReadonlyArray<[string, string]> = [
    [l.funder, id.funder ?? "—"],
    [l.projectPeriod, `${id.projectStart} – ${id.projectEnd}`],
    [l.extensions, id.extensions.map((e) => `+${e.months} (${e.reason})`).join("; ") || "—"],
    [l.period, `${d.periodStart} – ${d.periodEnd}`],
    [l.version, String(d.version)],
    [l.generatedAt, d.generatedAt],
  ]
  table(doc, [c.title, c.value], facts, [140, "*"])

  heading(doc, l.sections.indicators)
  table(
    doc,
    [c.indicator, c.target, c.achieved, c.newInPeriod, c.expected, c.status],
    d.indicators.map((r) => [
      indicatorName(l, r),
      r.target,
      r.achieved,
      r.newInPeriod,
      r.expected,
      l.status[r.status] ?? r.status,
    ]),
    ["*", 50, 70, 60, 70, 60],
    l.none,
  )
  const share = d.reach.asOfEnd.usefulShare
  if (share !== undefined)
    doc
      .moveDown(0.3)
      .font(regular)
      .fontSize(9)
      .fillColor(ink)
      .text(`${l.usefulShare}: ${percent(share)} (${l.usefulShareDetail})`, margin)
  chart(doc, d, l)

  heading(doc, l.sections.institutions)
  const inst = d.institutionsSupported
  table(
    doc,
    [c.breakdown, c.bucket, c.value],
    [
      [c.total, "", inst.total],
      [c.newInPeriod, "", inst.newInPeriod],
      ...Object.entries(inst.byKind).map(([k, n]) => [c.byKind, k, n]),
      ...Object.entries(inst.byLevel).map(([k, n]) => [c.byLevel, k, n]),
    ],
    [120, "*", 60],
  )

  heading(doc, l.sections.activities)
  table(
    doc,
    [c.code, c.title, c.plannedStart, c.actualStart, c.status, c.progress],
    d.activities.map((a) => [
      a.code,
      `${a.title}${a.responsible ? ` (${a.responsible})` : ""}`,
      `${a.plannedStart} – ${a.plannedEnd}`,
      a.actualStart ? `${a.actualStart} – ${a.actualEnd ?? "…"}` : "—",
      a.status,
      a.progress.join("\n") || "—",
    ]),
    [28, "*", 62, 62, 50, 140],
    l.none,
  )

  heading(doc, l.sections.events)
  table(
    doc,
    [c.kind, c.title, c.startDate, c.city, c.registered, c.attended, c.persons, c.newPersons],
    d.events.map((e) => [
      e.kind,
      e.title,
      e.startDate,
      e.city,
      e.registered,
      e.attended,
      e.persons,
      e.newPersons,
    ]),
    [70, "*", 56, 56, 44, 44, 40, 40],
    l.none,
  )

  heading(doc, l.sections.dissemination)
  table(
    doc,
    [c.kind, c.date, c.title, c.named, c.unnamedCounted, c.unnamedEstimated],
    d.dissemination.map((x) => [x.kind, x.date, x.title, x.named, x.unnamedCounted, x.unnamedEstimated]),
    [70, 56, "*", 44, 60, 60],
    l.none,
  )

  if (d.agreements) {
    const newIn = d.agreements.newInPeriod as Record<string, number>
    heading(doc, l.sections.agreements)
    table(
      doc,
      [c.indicator, c.total, c.newInPeriod],
      Object.entries(d.agreements.asOfEnd).map(([k, n]) => [k, n, newIn[k] ?? "—"]),
      ["*", 70, 70],
    )
  }

  if (d.attendance) {
    heading(doc, l.sections.attendance)
    table(
      doc,
      [c.event, c.line, c.initials, c.institution, c.role, c.status, c.days],
      d.attendance.flatMap((e) =>
        e.participants.map((p) => [
          `${e.title} (${e.startDate})`,
          p.line,
          p.initials,
          p.institution,
          p.role,
          p.status,
          p.days.join(", ") || "—",
        ]),
      ),
      [110, 24, 50, "*", 56, 50, 80],
      l.none,
    )
  }

  heading(doc, l.sections.evidence)
  table(
    doc,
    [c.file, c.attachedTo, c.size, c.sha256],
    d.evidence.map((e) => [e.fileName, e.attachedTo, e.size, e.sha256]),
    [110, 100, 50, "*"],
    l.none,
  )

  heading(doc, l.sections.revisions)
  table(
    doc,
    [c.at, c.entity, c.change, c.unlockedBy, c.reason],
    d.revisions.map((r) => [r.at, r.entity, r.change, r.unlockedBy, r.reason]),
    [80, 80, "*", 60, 90],
    l.none,
  )
}

const pageNumbers = (doc: Doc, l: Labels) => {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Writing inside the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font(regular)
      .fontSize(7.5)
      .fillColor(muted)
      .text(l.page(i + 1 - range.start, range.count), margin, doc.page.height - margin / 2 - 6, {
        width: doc.page.width - 2 * margin,
        align: "center",
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
  }
}

/** pdfkit's page content: one chunk per drawing operator until the document ends. */
interface PageContent {
  readonly content: { buffer: Array<Uint8Array> }
}

/**
 * Joins a finished page's content into one chunk. Pages stay buffered until the end (the page
 * numbers need the count), and pdfkit keeps a small typed array per operator: a 2,000-event
 * report held about 45 MB of them, a third of the worker's peak; joined, a page is one buffer.
 */
const compactPage = (page: unknown) => {
  const content = (page as PageContent | undefined)?.content
  if (content && content.buffer.length > 1) content.buffer = [Buffer.concat(content.buffer)]
}

/** The report as an A4 PDF in its language. */
export const renderPdf = (document: ReportDocument): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const l = labelsOf(document.language)
    const PDFDocument = pdfDocumentClass()
    const doc = new PDFDocument({
      size: "A4",
      margin,
      // Without it pdfkit opens with Helvetica, which some of its builds do not carry.
      font: regular,
      bufferPages: true,
      lang: document.language,
      info: {
        Title: `${l.kind[document.kind]} — ${document.identity.code} — ${document.periodStart} – ${document.periodEnd}`,
        Author: "Coordina",
        CreationDate: new Date(document.generatedAt),
      },
    })
    const chunks: Array<Buffer> = []
    doc.on("data", (chunk: Buffer) => chunks.push(chunk))
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on("error", reject)
    let finished: unknown
    doc.on("pageAdded", () => {
      compactPage(finished)
      finished = doc.page
    })
    try {
      doc.font(regular).fillColor(ink)
      finished = doc.page
      body(doc, document, l)
      compactPage(finished)
      pageNumbers(doc, l)
      doc.end()
    } catch (e) {
      reject(e)
    }
  })
