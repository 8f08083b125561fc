/**
 * Attendance certificates as PDF, with the funder reports' pipeline (pdfkit, DejaVu Sans
 * embedded as a subset): one A4 page per certificate, in Bulgarian or English. The holder's name
 * is printed as they wrote it, in whatever script, which is why the font is embedded rather
 * than one of PDF's standard fonts (they carry no Cyrillic).
 * @module
 */
import { fileURLToPath } from "node:url"
import type { IsoDate, ReportLanguage } from "@coordina/domain"
import { pdfDocumentClass } from "./Pdfkit.js"

const font = (name: string) => fileURLToPath(new URL(`../fonts/${name}`, import.meta.url))
const regular = font("DejaVuSans.ttf")
const bold = font("DejaVuSans-Bold.ttf")

const margin = 64
const ink = "#1f2933"
const accent = "#1d5c96"
const muted = "#52606d"

/** What one certificate page says. */
export interface CertificateSheet {
  /** The verification code printed on the page. */
  readonly code: string
  /** The holder's full name, as they wrote it. */
  readonly holder: string
  readonly eventTitle: string
  readonly city: string
  readonly startDate: IsoDate
  readonly endDate: IsoDate
  /** The days the holder attended, sorted. */
  readonly daysAttended: ReadonlyArray<IsoDate>
  /** How many days the event lasted. */
  readonly eventDays: number
  /** Who organised the event: the project (and its funder when known). */
  readonly organiser: string
  readonly issuedAt: string
  /** Where anyone can check the code. */
  readonly verifyUrl: string
}

interface CertificateLabels {
  readonly title: string
  readonly certifies: string
  readonly attended: string
  readonly dates: string
  readonly days: (attended: number, of: number) => string
  readonly organiser: string
  readonly issued: string
  readonly code: string
  readonly verify: string
}

const labels: Record<ReportLanguage, CertificateLabels> = {
  bg: {
    title: "УДОСТОВЕРЕНИЕ ЗА УЧАСТИЕ",
    certifies: "Удостоверява се, че",
    attended: "участва в",
    dates: "Дати на събитието",
    days: (attended, of) => (of === 1 ? "Присъствие: 1 ден" : `Присъствие: ${attended} от ${of} дни`),
    organiser: "Организатор",
    issued: "Издадено на",
    code: "Код за проверка",
    verify: "Проверка на удостоверението",
  },
  en: {
    title: "CERTIFICATE OF ATTENDANCE",
    certifies: "This is to certify that",
    attended: "attended",
    dates: "Dates of the event",
    days: (attended, of) => (of === 1 ? "Attendance: 1 day" : `Attendance: ${attended} of ${of} days`),
    organiser: "Organiser",
    issued: "Issued on",
    code: "Verification code",
    verify: "Verify this certificate at",
  },
}

/** A calendar date as the reader writes it: `12.03.2019 г.` or `12 March 2019`. */
export const certificateDate = (date: string, language: ReportLanguage): string => {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  return language === "bg"
    ? `${new Intl.DateTimeFormat("bg-BG", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(day).replace(/\s*г\.?$/, "")} г.`
    : new Intl.DateTimeFormat("en-GB", {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(day)
}

const range = (s: CertificateSheet, language: ReportLanguage) =>
  s.startDate === s.endDate
    ? certificateDate(s.startDate, language)
    : `${certificateDate(s.startDate, language)} – ${certificateDate(s.endDate, language)}`

const page = (
  doc: PDFKit.PDFDocument,
  s: CertificateSheet,
  l: CertificateLabels,
  language: ReportLanguage,
) => {
  const width = doc.page.width - 2 * margin
  doc
    .lineWidth(2)
    .strokeColor(accent)
    .rect(margin / 2, margin / 2, doc.page.width - margin, doc.page.height - margin)
    .stroke()
  doc.y = margin + 60
  const centred = { width, align: "center" as const }
  doc.font(bold).fontSize(24).fillColor(accent).text(l.title, margin, doc.y, centred)
  doc.moveDown(2).font(regular).fontSize(13).fillColor(ink).text(l.certifies, margin, doc.y, centred)
  doc.moveDown(0.8).font(bold).fontSize(22).text(s.holder, margin, doc.y, centred)
  doc.moveDown(0.8).font(regular).fontSize(13).text(l.attended, margin, doc.y, centred)
  doc.moveDown(0.8).font(bold).fontSize(16).text(s.eventTitle, margin, doc.y, centred)
  doc.moveDown(0.4).font(regular).fontSize(12).text(s.city, margin, doc.y, centred)
  doc.moveDown(2).fontSize(12)
  doc.text(`${l.dates}: ${range(s, language)}`, margin, doc.y, centred)
  doc.moveDown(0.4).text(l.days(s.daysAttended.length, s.eventDays), margin, doc.y, centred)
  if (s.eventDays > 1)
    doc
      .moveDown(0.2)
      .fontSize(10)
      .fillColor(muted)
      .text(s.daysAttended.map((d) => certificateDate(d, language)).join(", "), margin, doc.y, centred)
  doc.moveDown(1.2).fontSize(12).fillColor(ink).text(`${l.organiser}: ${s.organiser}`, margin, doc.y, centred)
  doc.moveDown(0.4).text(`${l.issued}: ${certificateDate(s.issuedAt, language)}`, margin, doc.y, centred)
  const foot = doc.page.height - margin - 90
  doc.font(regular).fontSize(10).fillColor(muted).text(l.code, margin, foot, centred)
  doc
    .font(bold)
    .fontSize(16)
    .fillColor(ink)
    .text(s.code, margin, doc.y + 2, centred)
  // The address on a line of its own, so it never wraps where a reader would type it.
  doc
    .font(regular)
    .fontSize(10)
    .fillColor(muted)
    .text(`${l.verify}:`, margin, doc.y + 6, centred)
  doc.fontSize(9).text(s.verifyUrl, margin, doc.y + 2, { ...centred, link: s.verifyUrl })
}

/** The certificates, one A4 page each, in `language` (callers send at least one: a PDF needs a page). */
export const renderCertificates = (
  sheets: ReadonlyArray<CertificateSheet>,
  language: ReportLanguage,
): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const l = labels[language]
    const PDFDocument = pdfDocumentClass()
    const doc = new PDFDocument({
      size: "A4",
      margin,
      font: regular,
      autoFirstPage: false,
      lang: language,
      info: { Title: l.title, Author: "Coordina" },
    })
    const chunks: Array<Buffer> = []
    doc.on("data", (chunk: Buffer) => chunks.push(chunk))
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on("error", reject)
    try {
      for (const s of sheets) {
        doc.addPage()
        page(doc, s, l, language)
      }
      doc.end()
    } catch (e) {
      reject(e)
    }
  })
