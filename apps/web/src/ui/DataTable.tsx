/**
 * The one table of lists: TanStack Table laid out as a native table, with sorting, filtering and
 * cursor paging done by the API (the table only says what the person asked for), the total
 * count, and a choice of columns kept per table in this browser.
 */
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table"
import { type ReactNode, useCallback, useMemo, useState } from "react"
import { Button, Checkbox, CheckboxGroup, Dialog, DialogTrigger, Label, Popover } from "react-aria-components"
import { useI18n } from "../i18n/I18n.js"
import { EmptyState } from "./EmptyState.js"
import { useFormat } from "./format.js"

/** A column of a data table: `id` names it in the API's `sort` and in the column choice. */
export type Column<Row> = ColumnDef<Row> & { readonly id: string; readonly header: string }

/** The sort the person chose: a column id and its direction. */
export interface Sort {
  readonly id: string
  readonly desc: boolean
}

/** A page as a list endpoint answers it (`pageOf` in the domain) with its total count. */
export interface ServerPage<Row> {
  readonly items: ReadonlyArray<Row>
  readonly nextCursor: string | null
  readonly total?: number | undefined
}

/** Cursor paging: the cursor to ask for, and the way forward and back. */
export interface CursorPaging {
  readonly cursor: string | undefined
  readonly pageIndex: number
  readonly next: (cursor: string) => void
  readonly previous: () => void
  readonly first: () => void
}

/**
 * Which page of a cursor-paged list is shown. The API's cursors only go forward, so the cursors
 * of the pages seen are kept to go back; a change of `resetKey` (a filter, the sort) starts over.
 */
export const useCursorPaging = (resetKey: string): CursorPaging => {
  const [state, setState] = useState<{ key: string; cursors: ReadonlyArray<string> }>({
    key: resetKey,
    cursors: [],
  })
  // The cursors belong to the list they were read from; another key is another list.
  const cursors = state.key === resetKey ? state.cursors : []
  const update = useCallback(
    (f: (c: ReadonlyArray<string>) => ReadonlyArray<string>) =>
      setState((s) => ({ key: resetKey, cursors: f(s.key === resetKey ? s.cursors : []) })),
    [resetKey],
  )
  return {
    cursor: cursors.at(-1),
    pageIndex: cursors.length,
    next: useCallback((cursor: string) => update((c) => [...c, cursor]), [update]),
    previous: useCallback(() => update((c) => c.slice(0, -1)), [update]),
    first: useCallback(() => update(() => []), [update]),
  }
}

const storageKey = (id: string) => `coordina.columns.${id}`

const readHidden = (id: string): VisibilityState => {
  try {
    const raw = localStorage.getItem(storageKey(id))
    const parsed: unknown = raw ? JSON.parse(raw) : {}
    return typeof parsed === "object" && parsed !== null ? (parsed as VisibilityState) : {}
  } catch {
    return {}
  }
}

/** The columns shown, chosen by the person and kept in this browser. */
const useColumnChoice = (id: string) => {
  const [visibility, setVisibility] = useState<VisibilityState>(() => readHidden(id))
  const change = useCallback(
    (next: VisibilityState) => {
      setVisibility(next)
      localStorage.setItem(storageKey(id), JSON.stringify(next))
    },
    [id],
  )
  return [visibility, change] as const
}

const ColumnChoice = <Row,>({
  columns,
  visibility,
  onChange,
}: {
  readonly columns: ReadonlyArray<Column<Row>>
  readonly visibility: VisibilityState
  readonly onChange: (next: VisibilityState) => void
}) => {
  const { t } = useI18n()
  const shown = columns.filter((c) => visibility[c.id] !== false).map((c) => c.id)
  return (
    <DialogTrigger>
      <Button className="button">{t.ui.table.columns}</Button>
      <Popover className="popover" placement="bottom end">
        <Dialog className="column-choice" aria-label={t.ui.table.columns}>
          <CheckboxGroup
            value={shown}
            onChange={(ids) => {
              // At least one column stays, or the table would have nothing to show.
              if (ids.length === 0) return
              onChange(Object.fromEntries(columns.map((c) => [c.id, ids.includes(c.id)])))
            }}
          >
            <Label>{t.ui.table.columns}</Label>
            {columns.map((c) => (
              <Checkbox key={c.id} value={c.id} className="checkbox">
                <span className="checkbox-box" aria-hidden="true" />
                {c.header}
              </Checkbox>
            ))}
          </CheckboxGroup>
        </Dialog>
      </Popover>
    </DialogTrigger>
  )
}

const Pager = ({
  paging,
  pageSize,
  shown,
  total,
  hasNext,
}: {
  readonly paging: CursorPaging & { readonly onNextPage: () => void }
  readonly pageSize: number
  readonly shown: number
  readonly total: number | undefined
  readonly hasNext: boolean
}) => {
  const { t } = useI18n()
  const { number } = useFormat()
  const from = paging.pageIndex * pageSize + (shown > 0 ? 1 : 0)
  const to = paging.pageIndex * pageSize + shown
  return (
    <nav className="pager" aria-label={t.ui.table.pageSize}>
      <p className="pager-count" aria-live="polite" data-testid="pager-count">
        {total === undefined
          ? `${number(from)}–${number(to)}`
          : t.ui.table.showing(number(from), number(to), number(total))}
      </p>
      <Button className="button" onPress={paging.first} isDisabled={paging.pageIndex === 0}>
        {t.ui.table.first}
      </Button>
      <Button className="button" onPress={paging.previous} isDisabled={paging.pageIndex === 0}>
        {t.ui.table.previous}
      </Button>
      <Button className="button" onPress={paging.onNextPage} isDisabled={!hasNext}>
        {t.ui.table.next}
      </Button>
    </nav>
  )
}

/**
 * A server-paged, server-sorted table. `page` is the API's answer for the current `paging`
 * cursor; `toolbar` holds the page's filters and export links.
 */
export const DataTable = <Row,>({
  id,
  caption,
  columns,
  page,
  rows,
  rowId,
  sort,
  onSortChange,
  paging,
  pageSize = 50,
  toolbar,
  empty,
  isFetching = false,
  chooseColumns = true,
}: {
  readonly id: string
  readonly caption: string
  readonly columns: ReadonlyArray<Column<Row>>
  readonly page?: ServerPage<Row> | undefined
  readonly rows?: ReadonlyArray<Row> | undefined
  readonly rowId: (row: Row) => string
  readonly sort?: Sort | undefined
  readonly onSortChange?: ((sort: Sort | undefined) => void) | undefined
  readonly paging?: CursorPaging | undefined
  readonly pageSize?: number
  readonly toolbar?: ReactNode
  readonly empty?: ReactNode
  readonly isFetching?: boolean
  readonly chooseColumns?: boolean
}) => {
  const { t } = useI18n()
  const [visibility, setVisibility] = useColumnChoice(id)
  // TanStack Table wants a mutable array; the rows given are read-only.
  const data = useMemo(() => [...(page?.items ?? rows ?? [])], [page, rows])
  const sorting: SortingState = sort ? [{ id: sort.id, desc: sort.desc }] : []
  const table = useReactTable({
    data,
    columns: columns as Array<ColumnDef<Row>>,
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowId,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableSorting: onSortChange !== undefined,
    enableSortingRemoval: true,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater
      onSortChange?.(next[0] ? { id: next[0].id, desc: next[0].desc } : undefined)
    },
    onColumnVisibilityChange: (updater) =>
      setVisibility(typeof updater === "function" ? updater(visibility) : updater),
  })
  const pagingWithNext = paging && {
    ...paging,
    onNextPage: () => {
      if (page?.nextCursor) paging.next(page.nextCursor)
    },
  }
  return (
    <section className="data-table" data-testid={id} aria-label={caption} aria-busy={isFetching}>
      {(toolbar || chooseColumns) && (
        <div className="table-toolbar">
          {toolbar}
          {chooseColumns && (
            <ColumnChoice columns={columns} visibility={visibility} onChange={setVisibility} />
          )}
        </div>
      )}
      {data.length === 0 && !isFetching ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const direction = header.column.getIsSorted()
                    const label = String(header.column.columnDef.header)
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={
                          direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined
                        }
                      >
                        {header.column.getCanSort() ? (
                          <button
                            type="button"
                            className="sort-button"
                            onClick={header.column.getToggleSortingHandler()}
                          >
                            {label}
                            <span aria-hidden="true">
                              {direction === "asc" ? " ▲" : direction === "desc" ? " ▼" : ""}
                            </span>
                          </button>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                      </th>
                    )
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} data-column={cell.column.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pagingWithNext && page && (
        <Pager
          paging={pagingWithNext}
          pageSize={pageSize}
          shown={data.length}
          total={page.total}
          hasNext={page.nextCursor !== null}
        />
      )}
      {isFetching && <p className="visually-hidden">{t.ui.table.loading}</p>}
    </section>
  )
}
