/**
 * Layout pieces of the agreements feature (the form controls are shared: components/Fields.tsx).
 */
import type { ReactNode } from "react"

/** A section with a heading, for forms and panels. */
export const Panel = ({ title, children, id }: { title: string; children: ReactNode; id?: string }) => {
  const headingId = `${id ?? title.replace(/\W+/g, "-").toLowerCase()}-heading`
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  )
}
