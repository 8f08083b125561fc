/**
 * pdfkit, loaded on the first PDF rather than with the package: it brings fontkit, its Unicode
 * tables and its ciphers (about 30 MB resident), which a worker or API process that renders no
 * PDF should not carry (issue 9: the worker's peak memory).
 * @module
 */
import { createRequire } from "node:module"
import type PDFKitDocument from "pdfkit"

let loaded: typeof PDFKitDocument | undefined

/** pdfkit's document class, required once and then kept. */
export const pdfDocumentClass = (): typeof PDFKitDocument => {
  // Required, not imported: pdfkit's Node build whatever conditions a bundler resolves "pdfkit"
  // with (vite-node picks its browser build, which reads no files and has no standard fonts).
  loaded ??= createRequire(import.meta.url)("pdfkit") as typeof PDFKitDocument
  return loaded
}
