import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table"
import { useMemo } from "react"

/** A plain, accessible table of rows (native table semantics), laid out by TanStack Table. */
export const DataTable = <Row,>({
  rows,
  columns,
  caption,
  rowId,
  testId,
}: {
  rows: ReadonlyArray<Row>
  columns: ReadonlyArray<ColumnDef<Row>>
  caption: string
  rowId: (row: Row) => string
  testId?: string
}) => {
  // TanStack Table wants a mutable array; the rows given are read-only.
  const data = useMemo(() => [...rows], [rows])
  const table = useReactTable({
    data,
    columns: [...columns],
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowId,
  })
  return (
    <table className="table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                {header.isPlaceholder
                  ? null
                  : flexRender(header.column.columnDef.header, header.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
