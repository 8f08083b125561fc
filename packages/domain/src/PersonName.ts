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

// Every dash a keyboard or a word processor produces: hyphen-minus, hyphen, non-breaking
// hyphen, figure dash, en and em dash, minus sign.
const dashes = /[-\u2010\u2011\u2012\u2013\u2014\u2212]/g
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
export const normaliseName = (name: string): string =>
  transliterate(
    name
      .toLowerCase()
      .normalize("NFD")
      // й is a letter of its own, not и with an accent: keep its breve through the stripping.
      .replace(/и\u0306/g, "й")
      .replace(combiningMarks, ""),
  )
    .replace(dashes, " ")
    .replace(/\s+/g, " ")
    .trim()

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
