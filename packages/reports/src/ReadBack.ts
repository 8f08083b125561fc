/**
 * Reading a rendered PDF back, for the tests of every renderer here: each page's text (its
 * runs joined by `separator`) and its size in points. Not part of the package's public face.
 * @module
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"

/** One page of a PDF as read back: its text and its `[x0, y0, x1, y1]` box. */
export interface PdfPage {
  readonly text: string
  readonly view: ReadonlyArray<number>
}

/** The pages of `bytes`, their text runs joined by `separator`. */
export const pdfPages = async (bytes: Uint8Array, separator = " "): Promise<ReadonlyArray<PdfPage>> => {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
    .promise
  const pages: Array<PdfPage> = []
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i)
    const content = await page.getTextContent()
    pages.push({
      text: content.items.map((item) => ("str" in item ? item.str : "")).join(separator),
      view: page.view,
    })
  }
  await pdf.destroy()
  return pages
}
