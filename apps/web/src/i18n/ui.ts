/**
 * Texts of the design system (apps/web/src/ui): tables, paging, dialogs, empty states and the
 * messages a form shows beside a field before anything is sent.
 */
export const uiEn = {
  table: {
    total: (n: string) => `${n} in total`,
    showing: (from: string, to: string, total: string) => `${from}–${to} of ${total}`,
    next: "Next page",
    previous: "Previous page",
    first: "First page",
    columns: "Columns",
    sortAscending: "sorted ascending",
    sortDescending: "sorted descending",
    sortBy: (column: string) => `Sort by ${column}`,
    loading: "Loading…",
    pageSize: "Rows per page",
  },
  dialog: { confirm: "Confirm", cancel: "Cancel", reason: "Reason", reasonRequired: "Give a reason." },
  export: { label: "Export", csv: "Download CSV", xlsx: "Download XLSX", busy: "Preparing the file…" },
  empty: "Nothing here yet.",
  select: { none: "—", choose: "Choose…" },
  form: {
    invalid: "Please correct the marked fields.",
    required: "This field is required.",
    invalidValue: "This value is not valid.",
    tooLong: (n: number) => `At most ${n} characters.`,
    tooShort: (n: number) => `At least ${n} characters.`,
    notANumber: "Enter a number.",
    notADate: "Enter a date.",
    tooSmall: (n: number) => `At least ${n}.`,
    tooLarge: (n: number) => `At most ${n}.`,
    notAnEmail: "Enter an email address.",
  },
} as const

/** Bulgarian texts of the design system: the same keys as {@link uiEn}. */
export const uiBg = {
  table: {
    total: (n: string) => `Общо ${n}`,
    showing: (from: string, to: string, total: string) => `${from}–${to} от ${total}`,
    next: "Следваща страница",
    previous: "Предишна страница",
    first: "Първа страница",
    columns: "Колони",
    sortAscending: "във възходящ ред",
    sortDescending: "в низходящ ред",
    sortBy: (column: string) => `Подреди по „${column}“`,
    loading: "Зарежда се…",
    pageSize: "Редове на страница",
  },
  dialog: { confirm: "Потвърди", cancel: "Отказ", reason: "Причина", reasonRequired: "Посочете причина." },
  export: { label: "Изтегляне", csv: "Изтегли CSV", xlsx: "Изтегли XLSX", busy: "Файлът се подготвя…" },
  empty: "Все още няма нищо тук.",
  select: { none: "—", choose: "Изберете…" },
  form: {
    invalid: "Поправете отбелязаните полета.",
    required: "Полето е задължително.",
    invalidValue: "Стойността не е валидна.",
    tooLong: (n: number) => `Най-много ${n} знака.`,
    tooShort: (n: number) => `Поне ${n} знака.`,
    notANumber: "Въведете число.",
    notADate: "Въведете дата.",
    tooSmall: (n: number) => `Поне ${n}.`,
    tooLarge: (n: number) => `Най-много ${n}.`,
    notAnEmail: "Въведете адрес на електронна поща.",
  },
} as const
