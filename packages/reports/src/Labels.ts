/**
 * The words of a report in Bulgarian and English: headings, column names, and how each
 * indicator is counted (the XLSX header block and the PDF's notes say it in the reader's language).
 * @module
 */
import type { ReportKind, ReportLanguage } from "@coordina/domain"

/** Every text a report format prints. */
export interface Labels {
  readonly kind: Record<ReportKind, string>
  readonly report: string
  readonly project: string
  readonly funder: string
  readonly projectPeriod: string
  readonly extensions: string
  readonly period: string
  readonly version: string
  readonly generatedAt: string
  readonly page: (n: number, of: number) => string
  readonly sections: {
    readonly identity: string
    readonly indicators: string
    readonly institutions: string
    readonly activities: string
    readonly events: string
    readonly dissemination: string
    readonly agreements: string
    readonly evidence: string
    readonly revisions: string
    readonly attendance: string
    readonly chart: string
  }
  readonly indicator: Record<string, string>
  readonly counted: Record<string, string>
  readonly status: Record<string, string>
  readonly columns: {
    readonly indicator: string
    readonly breakdown: string
    readonly bucket: string
    readonly target: string
    readonly achieved: string
    readonly newInPeriod: string
    readonly expected: string
    readonly status: string
    readonly howCounted: string
    readonly code: string
    readonly title: string
    readonly plannedStart: string
    readonly plannedEnd: string
    readonly actualStart: string
    readonly actualEnd: string
    readonly responsible: string
    readonly deliverables: string
    readonly progress: string
    readonly kind: string
    readonly startDate: string
    readonly endDate: string
    readonly date: string
    readonly city: string
    readonly registered: string
    readonly attended: string
    readonly persons: string
    readonly newPersons: string
    readonly named: string
    readonly unnamedCounted: string
    readonly unnamedEstimated: string
    readonly total: string
    readonly byKind: string
    readonly byLevel: string
    readonly file: string
    readonly attachedTo: string
    readonly size: string
    readonly sha256: string
    readonly at: string
    readonly entity: string
    readonly change: string
    readonly unlockedBy: string
    readonly reason: string
    readonly value: string
    readonly expectedLine: string
    readonly event: string
    readonly line: string
    readonly initials: string
    readonly institution: string
    readonly role: string
    readonly days: string
  }
  readonly none: string
  /** The evaluations' useful share, beside the indicators. */
  readonly usefulShare: string
  readonly usefulShareDetail: string
}

const en: Labels = {
  kind: {
    interim: "Interim technical report",
    final: "Final technical report",
    reach_annex: "Annex: reach",
    attendance_annex: "Annex: attendance",
  },
  report: "Report",
  project: "Project",
  funder: "Funder",
  projectPeriod: "Project period",
  extensions: "Extensions",
  period: "Reporting period",
  version: "Version",
  generatedAt: "Generated",
  page: (n, of) => `Page ${n} of ${of}`,
  sections: {
    identity: "Identity",
    indicators: "Indicators",
    institutions: "Institutions supported",
    activities: "Activities",
    events: "Events held in the period",
    dissemination: "Information and publicity",
    agreements: "Integration agreements",
    evidence: "Evidence",
    revisions: "Revisions",
    attendance: "Participants per event",
    chart: "Reach against the expected line",
  },
  indicator: { direct: "Direct reach", indirect: "Indirect reach", total: "Total reach" },
  counted: {
    direct:
      "Distinct persons from the target group who attended at least one event (with the project's minimum attendance), each counted once, at their first qualifying participation.",
    indirect:
      "Persons named by dissemination who were not reached directly, plus the unnamed people it reached (counted or estimated).",
    total: "Direct reach plus indirect reach.",
    breakdown:
      "The part of the indicator in this bucket of the breakdown (unnamed people cannot be broken down).",
  },
  status: { met: "met", on_track: "on track", behind: "behind" },
  columns: {
    indicator: "Indicator",
    breakdown: "Breakdown",
    bucket: "Bucket",
    target: "Target",
    achieved: "Achieved (consolidated)",
    newInPeriod: "New in period",
    expected: "Expected at period end",
    status: "Status",
    howCounted: "How it is counted",
    code: "Code",
    title: "Title",
    plannedStart: "Planned start",
    plannedEnd: "Planned end",
    actualStart: "Actual start",
    actualEnd: "Actual end",
    responsible: "Responsible",
    deliverables: "Deliverables",
    progress: "Progress in the period",
    kind: "Kind",
    startDate: "Start",
    endDate: "End",
    date: "Date",
    city: "City",
    registered: "Registered",
    attended: "Attended",
    persons: "Distinct persons",
    newPersons: "New persons",
    named: "Named",
    unnamedCounted: "Unnamed, counted",
    unnamedEstimated: "Unnamed, estimated",
    total: "Total",
    byKind: "By kind",
    byLevel: "By level",
    file: "File",
    attachedTo: "Attached to",
    size: "Size (bytes)",
    sha256: "SHA-256",
    at: "When",
    entity: "Record",
    change: "Change",
    unlockedBy: "Unlocked by",
    reason: "Reason",
    value: "Value",
    expectedLine: "Expected",
    event: "Event",
    line: "No.",
    initials: "Initials",
    institution: "Institution",
    role: "Role",
    days: "Days attended",
  },
  none: "None in this period.",
  usefulShare: "Found the events useful",
  usefulShareDetail: "of those who answered the evaluations' usefulness question",
}

const bg: Labels = {
  kind: {
    interim: "Междинен технически доклад",
    final: "Окончателен технически доклад",
    reach_annex: "Приложение: обхват",
    attendance_annex: "Приложение: присъствие",
  },
  report: "Доклад",
  project: "Проект",
  funder: "Финансиращ орган",
  projectPeriod: "Период на проекта",
  extensions: "Удължавания",
  period: "Отчетен период",
  version: "Версия",
  generatedAt: "Създаден",
  page: (n, of) => `Страница ${n} от ${of}`,
  sections: {
    identity: "Идентификация",
    indicators: "Индикатори",
    institutions: "Подкрепени институции",
    activities: "Дейности",
    events: "Проведени събития в периода",
    dissemination: "Информация и публичност",
    agreements: "Споразумения за интеграция",
    evidence: "Доказателства",
    revisions: "Корекции",
    attendance: "Участници по събития",
    chart: "Обхват спрямо очаквания",
  },
  indicator: { direct: "Пряк обхват", indirect: "Непряк обхват", total: "Общ обхват" },
  counted: {
    direct:
      "Различни лица от целевата група, присъствали на поне едно събитие (с минималното присъствие на проекта), всяко броено веднъж, при първото му отчетено участие.",
    indirect:
      "Лица, посочени поименно в мерки за разпространение, които не са достигнати пряко, плюс непосочените поименно достигнати лица (преброени или оценени).",
    total: "Прекият обхват плюс непрекия обхват.",
    breakdown: "Частта от индикатора в тази група на разбивката (непосочените поименно лица не се разбиват).",
  },
  status: { met: "постигнат", on_track: "по план", behind: "изоставане" },
  columns: {
    indicator: "Индикатор",
    breakdown: "Разбивка",
    bucket: "Група",
    target: "Цел",
    achieved: "Постигнато (общо)",
    newInPeriod: "Ново в периода",
    expected: "Очаквано към края на периода",
    status: "Състояние",
    howCounted: "Как се брои",
    code: "Код",
    title: "Наименование",
    plannedStart: "Планирано начало",
    plannedEnd: "Планиран край",
    actualStart: "Действително начало",
    actualEnd: "Действителен край",
    responsible: "Отговорна организация",
    deliverables: "Резултати",
    progress: "Напредък в периода",
    kind: "Вид",
    startDate: "Начало",
    endDate: "Край",
    date: "Дата",
    city: "Град",
    registered: "Регистрирани",
    attended: "Присъствали",
    persons: "Различни лица",
    newPersons: "Нови лица",
    named: "Поименно",
    unnamedCounted: "Непоименно, преброени",
    unnamedEstimated: "Непоименно, оценени",
    total: "Общо",
    byKind: "По вид",
    byLevel: "По ниво",
    file: "Файл",
    attachedTo: "Към",
    size: "Размер (байта)",
    sha256: "SHA-256",
    at: "Кога",
    entity: "Запис",
    change: "Промяна",
    unlockedBy: "Отключил",
    reason: "Причина",
    value: "Стойност",
    expectedLine: "Очаквано",
    event: "Събитие",
    line: "№",
    initials: "Инициали",
    institution: "Институция",
    role: "Роля",
    days: "Присъствени дни",
  },
  none: "Няма в този период.",
  usefulShare: "Намират събитията за полезни",
  usefulShareDetail: "от отговорилите на въпроса за полезност в оценките",
}

/** The labels of a language. */
export const labelsOf = (language: ReportLanguage): Labels => (language === "bg" ? bg : en)

/** The name of an indicator row: "Direct reach" or "Direct reach — byInstitutionKind: municipality". */
export const indicatorName = (
  l: Labels,
  row: {
    readonly indicator: string
    readonly breakdown?: string | undefined
    readonly bucket?: string | undefined
  },
): string => {
  const base = l.indicator[row.indicator] ?? row.indicator
  return row.breakdown ? `${base} — ${row.breakdown}: ${row.bucket}` : base
}

/** How an indicator row is counted, in the reader's language. */
export const howCounted = (
  l: Labels,
  row: { readonly indicator: string; readonly breakdown?: string | undefined },
): string =>
  row.breakdown
    ? `${l.counted[row.indicator] ?? ""} ${l.counted.breakdown}`
    : (l.counted[row.indicator] ?? "")

/** A share as a whole percentage: 0.792 → "79%". */
export const percent = (share: number): string => `${Math.round(share * 100)}%`
