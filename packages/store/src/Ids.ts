/**
 * Identifiers: opaque to clients, but ordered by creation so that cursor pagination can page
 * by id alone.
 * @module
 */
import { randomBytes } from "node:crypto"

let lastTime = 0
let counter = 0

/** A new id such as `prj_0lz3k9q2a0001f3k9x2m4q`: a prefix, the time, a counter and randomness. */
export const newId = (prefix: string): string => {
  const now = Date.now()
  counter = now === lastTime ? counter + 1 : 0
  lastTime = now
  const time = now.toString(36).padStart(9, "0")
  const seq = counter.toString(36).padStart(4, "0")
  return `${prefix}_${time}${seq}${randomBytes(6).toString("hex")}`
}
