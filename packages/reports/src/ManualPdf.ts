/**
 * A published manual version as PDF, with the funder reports' pipeline (pdfkit, DejaVu Sans
 * embedded so Cyrillic prints): A4, a title page, a table of contents with page numbers and PDF
 * bookmarks, then each chapter with its introduction, recommendations and practices, every
 * practice followed by its sources. It reads only the version's snapshot.
 * @module
 */
import { fileURLToPath } from "node:url"
import type { ManualVersion, Practice, Recommendation, ReportLanguage } from "@coordina/domain"
import { pdfDocumentClass } from "./Pdfkit.js"
import {
  areaName,
  chapterHeading,
  countryName,
  localized,
  manualLabels,
  titleOf,
  versionLine,
} from "./ManualText.js"

const font = (name: string) => fileURLToPath(new URL(`../fonts/${name}`, import.meta.url))
const regular = font("DejaVuSans.ttf")
const bold = font("DejaVuSans-Bold.ttf")

const margin = 64
const ink = "#1f2933"
const accent = "#1d5c96"
const muted = "#52606d"
// Lines of the table of contents on one page: 20 pt each under the heading, so 30 fit above the
// bottom margin (a line past it would make pdfkit append a page). The pages are reserved before
// the chapters are laid out, so their page numbers can be filled in afterwards.
const tocLinesPerPage = 30

type Doc = PDFKit.PDFDocument

const paragraph = (doc: Doc, text: string | undefined, size = 11) => {
  if (text === undefined) return
  doc.font(regular).fontSize(size).fillColor(ink)
  for (const para of text.split(/\n{2,}/)) doc.text(para, { align: "left", paragraphGap: 4 })
}

const field = (doc: Doc, label: string, text: string | undefined) => {
  if (text === undefined) return
  doc.moveDown(0.3).font(bold).fontSize(10).fillColor(muted).text(label)
  paragraph(doc, text, 10.5)
}

const recommendation = (doc: Doc, r: Recommendation, language: ReportLanguage) => {
  const l = manualLabels[language]
  doc
    .moveDown(0.5)
    .font(bold)
    .fontSize(10)
    .fillColor(muted)
    .text(`${l.level}: ${l.levels[r.level] ?? r.level}`)
  paragraph(doc, localized(r.text, language))
}

const practice = (doc: Doc, p: Practice, language: ReportLanguage) => {
  const l = manualLabels[language]
  doc.moveDown(0.8).font(bold).fontSize(13).fillColor(ink).text(titleOf(p.title, language))
  doc
    .font(regular)
    .fontSize(10)
    .fillColor(muted)
    .text(
      `${l.country}: ${countryName(p.country, language)} · ${l.area}: ${areaName(p.area, language)} · ${l.level}: ${l.levels[p.level] ?? p.level}`,
    )
  field(doc, l.description, localized(p.description, language))
  field(doc, l.actors, localized(p.actors, language))
  field(doc, l.results, localized(p.results, language))
  field(doc, l.transferability, localized(p.transferability, language))
  if (p.sources.length > 0) {
    doc.moveDown(0.3).font(bold).fontSize(10).fillColor(muted).text(l.sources)
    p.sources.forEach((s, i) => {
      doc
        .font(regular)
        .fontSize(9.5)
        .fillColor(ink)
        .text(`[${i + 1}] ${s.title}${s.date ? ` (${s.date})` : ""}. `, { continued: true })
        .fillColor(accent)
        .text(s.url, { link: s.url })
    })
  }
}

/** The manual version as an A4 PDF in `language`. */
export const renderManualPdf = (v: ManualVersion, language: ReportLanguage): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const l = manualLabels[language]
    const title = titleOf(v.title, language)
    const doc = new (pdfDocumentClass())({
      size: "A4",
      margin,
      font: regular,
      bufferPages: true,
      autoFirstPage: false,
      lang: language,
      info: { Title: title, Author: "Coordina" },
    })
    const chunks: Array<Buffer> = []
    doc.on("data", (chunk: Buffer) => chunks.push(chunk))
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on("error", reject)
    try {
      const width = () => doc.page.width - 2 * margin
      // Title page.
      doc.addPage()
      doc.y = doc.page.height / 3
      doc
        .font(bold)
        .fontSize(26)
        .fillColor(accent)
        .text(title, margin, doc.y, { width: width(), align: "center" })
      doc
        .moveDown(1.5)
        .font(regular)
        .fontSize(13)
        .fillColor(muted)
        .text(versionLine(v, language), margin, doc.y, { width: width(), align: "center" })
      // The table of contents' pages, filled in once the chapters' pages are known.
      const tocPages = Math.max(1, Math.ceil(v.chapters.length / tocLinesPerPage))
      const tocStart = doc.bufferedPageRange().count
      for (let i = 0; i < tocPages; i++) doc.addPage()
      const starts: Array<number> = []
      v.chapters.forEach((c, i) => {
        doc.addPage()
        starts.push(doc.bufferedPageRange().count)
        const heading = chapterHeading(v, i, language)
        doc.outline.addItem(heading)
        doc.font(bold).fontSize(18).fillColor(accent).text(heading)
        doc.moveDown(0.5)
        paragraph(doc, localized(c.intro, language))
        if (c.recommendations.length > 0) {
          doc.moveDown(0.8).font(bold).fontSize(15).fillColor(accent).text(l.recommendations)
          for (const r of c.recommendations) recommendation(doc, r, language)
        }
        if (c.practices.length > 0) {
          doc.moveDown(0.8).font(bold).fontSize(15).fillColor(accent).text(l.practices)
          for (const p of c.practices) practice(doc, p, language)
        }
      })
      v.chapters.forEach((_, i) => {
        const page = tocStart + Math.floor(i / tocLinesPerPage)
        doc.switchToPage(page)
        if (i % tocLinesPerPage === 0) {
          doc.x = margin
          doc.y = margin
          doc.font(bold).fontSize(20).fillColor(accent).text(l.contents, margin, margin)
          doc.moveDown(0.8)
        }
        const y = doc.y
        const number = String(starts[i])
        doc.font(regular).fontSize(12).fillColor(ink)
        const numberWidth = doc.widthOfString(number)
        doc.text(chapterHeading(v, i, language), margin, y, {
          width: width() - numberWidth - 16,
          lineBreak: false,
          ellipsis: true,
        })
        doc.text(number, doc.page.width - margin - numberWidth, y, { lineBreak: false })
        doc.x = margin
        doc.y = y + 20
      })
      if (v.chapters.length === 0) {
        doc.switchToPage(tocStart)
        doc.font(bold).fontSize(20).fillColor(accent).text(l.contents, margin, margin)
      }
      doc.end()
    } catch (e) {
      reject(e)
    }
  })
