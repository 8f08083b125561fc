/**
 * Identifiers: opaque to clients, but ordered by creation so that cursor pagination can page
 * by id alone.
 * @module
 */
import { randomFillSync } from "node:crypto"

let lastTime = 0
let counter = 0

// Random bytes are drawn from the system a few kilobytes at a time: one call per id costs more
// than the rest of an import of ten thousand rows.
const pool = Buffer.alloc(6 * 1024)
let poolOffset = pool.length

const randomHex6 = (): string => {
  if (poolOffset + 6 > pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const hex = pool.toString("hex", poolOffset, poolOffset + 6)
  poolOffset += 6
  return hex
}

/** A new id such as `prj_0lz3k9q2a0001f3k9x2m4q`: a prefix, the time, a counter and randomness. */
export const newId = (prefix: string): string => {
  const now = Date.now()
  counter = now === lastTime ? counter + 1 : 0
  lastTime = now
  const time = now.toString(36).padStart(9, "0")
  const seq = counter.toString(36).padStart(4, "0")
  return `${prefix}_${time}${seq}${randomHex6()}`
}
