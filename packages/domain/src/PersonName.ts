/**
 * Names as people write them, in Cyrillic or Latin, reduced to one comparable key.
 *
 * Sign-in sheets, registration forms and check-in spell the same person as "Мария
 * Петрова", "Maria Petrova" and "MARIA  PETROVA"; matching and search compare their
 * normalised forms. Cyrillic is transliterated by the table of Bulgaria's Transliteration Act
 * (State Gazette 19/2009), so both scripts meet in Latin.
 * @module
 */

/** The Transliteration Act's table, lower-case letters. */
export const transliterationTable: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "h",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sht",
  ъ: "a",
  ь: "y",
  ю: "yu",
  я: "ya",
}

const combiningMarks = /\p{M}/gu
// The Act writes -ия as -ia only at the end of a word (Мария → Maria, but Илия's first и stays).
const finalIya = /ия(?=$|[^\p{L}])/gu

/** Transliterates Cyrillic (already lower-case) by the Act's table; other characters stay. */
export const transliterate = (lower: string): string => {
  let out = ""
  for (const ch of lower.replace(finalIya, "ia")) out += transliterationTable[ch] ?? ch
  return out
}

/**
 * The comparable form of a name: lower-case, Cyrillic transliterated (word-final -ия → ia),
 * accents stripped, hyphens read as spaces, whitespace collapsed and trimmed.
 * `normaliseName("  Стоянова-Кирова ")` is `"stoyanova kirova"`; `normaliseName("Мария")` is `"maria"`.
 */
export const normaliseName = (name: string): string => {
  let lower = name.toLowerCase()
  // Only a character outside ASCII, Latin-1's symbols and the plain Cyrillic letters can
  // carry an accent: the rest skip Unicode decomposition, which costs more than all else.
  if (mayCarryAccent(lower))
    lower = lower
      .normalize("NFD")
      // й is a letter of its own, not и with an accent: keep its breve through the stripping.
      .replace(/и\u0306/g, "й")
      .replace(combiningMarks, "")
  return foldName(lower)
}

const mayCarryAccent = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0xbf && (c < 0x430 || c > 0x44f)) return true
  }
  return false
}
const letter = /\p{L}/u
const space = /\s/
// Every dash a keyboard or a word processor produces: hyphen-minus, hyphen, non-breaking
// hyphen, figure dash, en and em dash, minus sign.
const dashSet = new Set(["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"])

/**
 * One pass over a lower-case, accent-free name: the Act's table (word-final -ия as ia),
 * dashes and runs of whitespace as one space, none at either end. The same as
 * `transliterate(s).replace(dashes, " ").replace(/\s+/g, " ").trim()`, without the garbage.
 */
const foldName = (s: string): string => {
  let out = ""
  let gap = false
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!
    const mapped = transliterationTable[ch]
    if (mapped === undefined && isGap(ch)) {
      gap = true
      continue
    }
    if (gap && out !== "") out += " "
    gap = false
    if (
      ch === "и" &&
      s[i + 1] === "я" &&
      (i + 2 === s.length || !letter.test(String.fromCodePoint(s.codePointAt(i + 2)!)))
    ) {
      out += "ia"
      i++
    } else out += mapped ?? ch
  }
  return out
}

/** A dash or whitespace (one UTF-16 unit: neither is ever a surrogate pair). */
const isGap = (ch: string) => {
  const c = ch.charCodeAt(0)
  if (c < 0x80) return c === 0x20 || c === 0x2d || (c >= 0x09 && c <= 0x0d)
  return dashSet.has(ch) || space.test(ch)
}

/** The key a person's full name is matched by: given name then family name, normalised. */
export const fullNameKey = (givenName: string, familyName: string): string =>
  normaliseName(`${givenName} ${familyName}`)

/**
 * The words of a search query as name keys: Latin input finds Cyrillic names and the reverse,
 * because both reduce to the same Latin form. Empty for a blank query.
 */
export const searchTerms = (query: string): ReadonlyArray<string> => {
  const key = normaliseName(query)
  return key === "" ? [] : key.split(" ")
}

/** Whether a name key contains every term of a search query (in any order). */
export const matchesSearch = (nameKey: string, terms: ReadonlyArray<string>): boolean =>
  terms.every((t) => nameKey.includes(t))

/** The comparable form of an email address: trimmed and lower-cased; blank is no email. */
export const normaliseEmail = (email: string | undefined | null): string | undefined => {
  const key = email?.trim().toLowerCase()
  return key ? key : undefined
}
