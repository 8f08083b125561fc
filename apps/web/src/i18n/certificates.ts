/** Texts of attendance certificates: the event page's section and the public verification page. */
export const certificatesEn = {
  title: "Certificates of attendance",
  intro: "Everyone who attended at least one day, whatever their role, gets one certificate.",
  issue: "Issue certificates",
  issued: (n: number) => (n === 1 ? "1 certificate issued." : `${n} certificates issued.`),
  none: "No certificates issued yet.",
  person: "Person",
  code: "Verification code",
  download: "Download",
  downloadOne: (name: string) => `Download the certificate of ${name}`,
  allPdf: "All as one PDF",
  allZip: "All as ZIP (one PDF each)",
  language: "Language of the certificates",
  languages: { bg: "Bulgarian", en: "English" },
  verify: {
    title: "Certificate check",
    checking: "Checking the code…",
    valid: "This certificate is genuine.",
    holder: "Holder (initials)",
    event: "Event",
    dates: "Dates",
    unknown: "No certificate has this code. Check that it is typed exactly as printed.",
    throttled: "Too many unknown codes from this address. Try again later.",
    code: "Code",
  },
} as const

/** Текстове за удостоверенията за участие. */
export const certificatesBg: CertificateTexts = {
  title: "Удостоверения за участие",
  intro: "Всеки, присъствал поне един ден, в каквато и да е роля, получава едно удостоверение.",
  issue: "Издай удостоверения",
  issued: (n) => (n === 1 ? "Издадено е 1 удостоверение." : `Издадени са ${n} удостоверения.`),
  none: "Още няма издадени удостоверения.",
  person: "Лице",
  code: "Код за проверка",
  download: "Изтегли",
  downloadOne: (name) => `Изтегли удостоверението на ${name}`,
  allPdf: "Всички в един PDF",
  allZip: "Всички в ZIP (по един PDF)",
  language: "Език на удостоверенията",
  languages: { bg: "Български", en: "Английски" },
  verify: {
    title: "Проверка на удостоверение",
    checking: "Проверка на кода…",
    valid: "Удостоверението е истинско.",
    holder: "Притежател (инициали)",
    event: "Събитие",
    dates: "Дати",
    unknown: "Няма удостоверение с този код. Проверете дали е въведен точно както е отпечатан.",
    throttled: "Твърде много непознати кодове от този адрес. Опитайте по-късно.",
    code: "Код",
  },
}

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> }

/** The shape the Bulgarian texts must have. */
export type CertificateTexts = Widen<typeof certificatesEn>
