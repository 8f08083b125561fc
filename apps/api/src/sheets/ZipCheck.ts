/**
 * The checks an XLSX file passes before its workbook is read: a ZIP archive whose entries,
 * declared and actually inflated, stay within an unpacked size, and which a streaming reader
 * reads exactly as its central directory lists it (nothing hidden between the entries).
 *
 * yauzl reads the central directory and enforces each entry's declared size while inflating
 * (`validateEntrySizes`); this module adds the budget over all entries and the layout check.
 * @module
 */
import { Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import yauzl from "yauzl"

/** Why a ZIP archive is refused: too large once unpacked, or not a plain archive. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: "unpacked" | "form",
    message: string,
  ) {
    super(message)
  }
}

// A local file header is at least 30 bytes: a gap shorter than that cannot hide an entry.
const localHeaderMinimum = 30
const dataDescriptorFlag = 0x08
const maxEntries = 1_000

const form = (message: string) => new ZipRefused("form", message)

const entriesOf = async (zip: yauzl.ZipFile): Promise<Array<yauzl.Entry>> => {
  if (zip.entryCount > maxEntries) throw form(`it has more than ${maxEntries} entries`)
  const entries: Array<yauzl.Entry> = []
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry)
      zip.readEntry()
    })
    zip.on("end", () => resolve())
    zip.on("error", reject)
    zip.readEntry()
  })
  return entries
}

/**
 * Refuses entries a streaming unzip could read differently from the central directory: every
 * byte from the start to the central directory belongs to a listed entry, each entry's local
 * header names it and sizes it as the directory does, and no stored entry ends by a signature.
 */
const checkLayout = async (zip: yauzl.ZipFile, entries: ReadonlyArray<yauzl.Entry>, directoryAt: number) => {
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)
  let end = 0
  for (const entry of byOffset) {
    if (entry.isEncrypted()) throw form(`${entry.fileName} is encrypted`)
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw form(`${entry.fileName} uses an unknown compression`)
    const described = (entry.generalPurposeBitFlag & dataDescriptorFlag) !== 0
    // A stored entry whose size comes after its data can only be found by scanning for a
    // signature, which its own bytes may fake.
    if (described && entry.compressionMethod === 0)
      throw form(`${entry.fileName} is stored with a trailing size`)
    if (entry.relativeOffsetOfLocalHeader - end >= localHeaderMinimum)
      throw form("it holds data outside its listed entries")
    const local = await zip.readLocalFileHeaderPromise(entry)
    if (local.fileName.toString("utf8").replaceAll("\\", "/") !== entry.fileName)
      throw form("an entry's local name differs from its listed name")
    if (!described && local.compressedSize !== entry.compressedSize)
      throw form("an entry's local size differs from its listed size")
    end = local.fileDataStart + entry.compressedSize
  }
  if (directoryAt - end >= localHeaderMinimum) throw form("it holds data outside its listed entries")
}

/** Inflates every entry and counts the bytes, stopping as soon as the budget is passed. */
const inflateWithin = async (zip: yauzl.ZipFile, entries: ReadonlyArray<yauzl.Entry>, budget: number) => {
  let total = 0
  for (const entry of entries) {
    const stream = await zip.openReadStreamPromise(entry)
    await pipeline(
      stream,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          total += chunk.length
          done(total > budget ? new ZipRefused("unpacked", "too large once unpacked") : null)
        },
      }),
    )
  }
}

/**
 * Checks a ZIP archive held in memory: at most `budget` bytes unpacked (declared, then counted
 * while inflating), and a plain layout. Fails with {@link ZipRefused}.
 */
export const checkZip = async (buffer: Buffer, budget: number): Promise<void> => {
  const zip = await yauzl
    .fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true })
    .catch((error: unknown) => {
      throw form(error instanceof Error ? error.message : String(error))
    })
  // Before any entry is read, yauzl's cursor stands at the central directory.
  const directoryAt = (zip as unknown as { readEntryCursor: number }).readEntryCursor
  try {
    const entries = await entriesOf(zip)
    const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0)
    if (declared > budget) throw new ZipRefused("unpacked", "too large once unpacked")
    await checkLayout(zip, entries, directoryAt)
    await inflateWithin(zip, entries, budget)
  } catch (error) {
    if (error instanceof ZipRefused) throw error
    throw form(error instanceof Error ? error.message : String(error))
  } finally {
    zip.close()
  }
}
