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

// Format characters (zero-width space and joiners, soft hyphen, BOM, word joiner, bidi marks)
// are invisible: copied from PDFs and web pages, they would otherwise split or change a word.
const formatCharacters = /\p{Cf}/gu
// Printable ASCII and the Cyrillic block hold no format character; searching for them is most
// of the cost of a name otherwise, so names of only these skip the search.
const withoutFormatCharacters = /^[\x20-\x7e\u0400-\u04ff]*$/
const dropFormatCharacters = (text: string) =>
  withoutFormatCharacters.test(text) ? text : text.replace(formatCharacters, "")
// Punctuation and symbols (dashes, commas, full stops, apostrophes, the minus sign, …) separate
// words: "petrov," is "petrov", and "Стоянова-Кирова" two words.
const separators = /[\p{P}\p{S}]/gu
const combiningMarks = /\p{M}/gu
// The Act writes -ия as -ia only at the end of a word (Мария → Maria, but Илия's first и stays).
const finalIya = /ия(?=$|[^\p{L}])/gu
const latinLetter = /\p{Script=Latin}/u
const cyrillicLetter = /\p{Script=Cyrillic}/u
// The letters of the transliteration table, so that only they are looked up.
const cyrillicLowerLetter = /[а-я]/g

/**
 * Latin letters and the Cyrillic letters that look the same in print, in both cases: what a
 * phone keyboard left on the other layout, or a PDF's font substitution, mixes into a word.
 */
export const lookalikes: ReadonlyArray<readonly [latin: string, cyrillic: string]> = [
  ["A", "А"],
  ["B", "В"],
  ["C", "С"],
  ["E", "Е"],
  ["H", "Н"],
  ["K", "К"],
  ["M", "М"],
  ["O", "О"],
  ["P", "Р"],
  ["T", "Т"],
  ["X", "Х"],
  ["Y", "У"],
  ["a", "а"],
  ["c", "с"],
  ["e", "е"],
  ["k", "к"],
  ["o", "о"],
  ["p", "р"],
  ["x", "х"],
  ["y", "у"],
]
const toCyrillic = new Map(lookalikes.map(([l, c]) => [l, c]))
const toLatin = new Map(lookalikes.map(([l, c]) => [c, l]))

/**
 * Folds the other script's lookalike letters of a word written mostly (more than half of its
 * letters) in one script into that script: "Cтоянова" with a Latin C becomes all Cyrillic, and
 * "Petrоv" with a Cyrillic о all Latin. A word evenly split is left as it is.
 */
export const foldLookalikes = (word: string): string => {
  // Most words are in one script: two searches rule that out before counting letter by letter.
  if (!latinLetter.test(word) || !cyrillicLetter.test(word)) return word
  let latin = 0
  let cyrillic = 0
  for (const ch of word) {
    if (latinLetter.test(ch)) latin++
    else if (cyrillicLetter.test(ch)) cyrillic++
  }
  const letters = latin + cyrillic
  const fold = cyrillic * 2 > letters ? toCyrillic : latin * 2 > letters ? toLatin : undefined
  if (fold === undefined || latin === 0 || cyrillic === 0) return word
  let out = ""
  for (const ch of word) out += fold.get(ch) ?? ch
  return out
}

/** Transliterates Cyrillic (already lower-case) by the Act's table; other characters stay. */
export const transliterate = (lower: string): string =>
  lower.replace(finalIya, "ia").replace(cyrillicLowerLetter, (ch) => transliterationTable[ch] ?? ch)

/**
 * The comparable form of a name, as people type and paste it: compatibility forms unified
 * (NFKC: full-width letters, ligatures), invisible format characters dropped, punctuation and
 * symbols read as spaces, each word's stray letters of the other script folded into the script
 * the word is mostly written in, lower-cased, accents stripped, Cyrillic transliterated by the
 * Act (word-final -ия → ia), whitespace collapsed and trimmed.
 * `normaliseName("  Стоянова-Кирова ")` is `"stoyanova kirova"`; `normaliseName("Мария")` is
 * `"maria"`; `normaliseName("Cтоянова,")` (a Latin C) is `"stoyanova"`.
 */
export const normaliseName = (name: string): string => {
  const words = dropFormatCharacters(name.normalize("NFKC"))
    .replace(separators, " ")
    .split(/\s+/)
    .map(foldLookalikes)
    .join(" ")
  const key = transliterate(
    words
      .toLowerCase()
      .normalize("NFD")
      // й is a letter of its own, not и with an accent: keep its breve through the stripping.
      .replace(/и\u0306/g, "й")
      .replace(combiningMarks, ""),
  )
    .replace(/\s+/g, " ")
    .trim()
  return boundKey(key)
}

/**
 * The longest name key, in UTF-16 units: at most 2,400 bytes of UTF-8, so that a key and an id
 * fit one PostgreSQL index entry (2,704 bytes) however much NFKC and transliteration lengthen
 * a name (one ligature can become 18 letters, щ becomes sht). Longer keys keep their start.
 */
export const nameKeyMaxLength = 800

const boundKey = (key: string): string => {
  if (key.length <= nameKeyMaxLength) return key
  const cut = key.slice(0, nameKeyMaxLength)
  // Never end on the first half of a surrogate pair.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut
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

/**
 * Whether a query that is not blank holds nothing a name could match (only punctuation or
 * symbols, such as `%`): such a search finds nobody, rather than everybody.
 */
export const findsNobody = (query: string): boolean => query.trim() !== "" && searchTerms(query).length === 0

/** Whether a name key contains every term of a search query (in any order). */
export const matchesSearch = (nameKey: string, terms: ReadonlyArray<string>): boolean =>
  terms.every((t) => nameKey.includes(t))

/** The comparable form of an email address: trimmed and lower-cased; blank is no email. */
export const normaliseEmail = (email: string | undefined | null): string | undefined => {
  const key = email?.trim().toLowerCase()
  return key ? key : undefined
}
