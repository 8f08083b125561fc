/**
 * A published manual version as DOCX, written with the `docx` package: A4, a title page, a
 * real table-of-contents field (Word fills it in on opening, as `updateFields` asks), chapters
 * as Heading 1, their recommendations and practices as Heading 2 and each practice as Heading 3
 * followed by its sources as links. It reads only the version's snapshot.
 * @module
 */
import type { ManualVersion, Practice, Recommendation, ReportLanguage } from "@coordina/domain"
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  TableOfContents,
  TextRun,
} from "docx"
import {
  areaName,
  chapterHeading,
  countryName,
  localized,
  manualLabels,
  titleOf,
  versionLine,
} from "./ManualText.js"

// A4 in twentieths of a point.
const a4 = { width: 11906, height: 16838 }

const paragraphs = (text: string | undefined): Array<Paragraph> =>
  text === undefined ? [] : text.split(/\n{2,}/).map((p) => new Paragraph({ text: p }))

const labelled = (label: string, text: string | undefined): Array<Paragraph> =>
  text === undefined
    ? []
    : [new Paragraph({ children: [new TextRun({ text: label, bold: true })] }), ...paragraphs(text)]

const recommendation = (r: Recommendation, language: ReportLanguage): Array<Paragraph> => {
  const l = manualLabels[language]
  return [
    new Paragraph({
      children: [new TextRun({ text: `${l.level}: ${l.levels[r.level] ?? r.level}`, bold: true })],
    }),
    ...paragraphs(localized(r.text, language)),
  ]
}

const practice = (p: Practice, language: ReportLanguage): Array<Paragraph> => {
  const l = manualLabels[language]
  return [
    new Paragraph({ text: titleOf(p.title, language), heading: HeadingLevel.HEADING_3 }),
    new Paragraph({
      children: [
        new TextRun({
          text: `${l.country}: ${countryName(p.country, language)} · ${l.area}: ${areaName(p.area, language)} · ${l.level}: ${l.levels[p.level] ?? p.level}`,
          italics: true,
        }),
      ],
    }),
    ...labelled(l.description, localized(p.description, language)),
    ...labelled(l.actors, localized(p.actors, language)),
    ...labelled(l.results, localized(p.results, language)),
    ...labelled(l.transferability, localized(p.transferability, language)),
    ...(p.sources.length === 0
      ? []
      : [
          new Paragraph({ children: [new TextRun({ text: l.sources, bold: true })] }),
          ...p.sources.map(
            (s, i) =>
              new Paragraph({
                children: [
                  new TextRun(`[${i + 1}] ${s.title}${s.date ? ` (${s.date})` : ""}. `),
                  new ExternalHyperlink({
                    link: s.url,
                    children: [new TextRun({ text: s.url, style: "Hyperlink" })],
                  }),
                ],
              }),
          ),
        ]),
  ]
}

/** The manual version as an A4 DOCX in `language`. */
export const renderManualDocx = async (v: ManualVersion, language: ReportLanguage): Promise<Uint8Array> => {
  const l = manualLabels[language]
  const title = titleOf(v.title, language)
  const chapters = v.chapters.flatMap((c, i) => [
    new Paragraph({
      text: chapterHeading(v, i, language),
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
    }),
    ...paragraphs(localized(c.intro, language)),
    ...(c.recommendations.length === 0
      ? []
      : [
          new Paragraph({ text: l.recommendations, heading: HeadingLevel.HEADING_2 }),
          ...c.recommendations.flatMap((r) => recommendation(r, language)),
        ]),
    ...(c.practices.length === 0
      ? []
      : [
          new Paragraph({ text: l.practices, heading: HeadingLevel.HEADING_2 }),
          ...c.practices.flatMap((p) => practice(p, language)),
        ]),
  ])
  const doc = new Document({
    creator: "Coordina",
    title,
    // Word computes the table of contents' page numbers when it opens the file.
    features: { updateFields: true },
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [
      {
        properties: { page: { size: a4 } },
        children: [
          new Paragraph({
            text: title,
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            spacing: { before: 4000 },
          }),
          new Paragraph({ text: versionLine(v, language), alignment: AlignmentType.CENTER }),
          new Paragraph({ children: [new PageBreak()] }),
          // Not a heading, so the table of contents does not list itself.
          new Paragraph({ children: [new TextRun({ text: l.contents, bold: true, size: 36 })] }),
          new TableOfContents(l.contents, { hyperlink: true, headingStyleRange: "1-3" }),
          ...chapters,
        ],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}
