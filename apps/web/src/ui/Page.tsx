/**
 * The frame of every page: one `h1`, the page's actions beside it, an optional lead, then the
 * content. Sections inside use {@link Section} so every region is named by its heading.
 */
import type { ReactNode } from "react"

/** A page with its title and actions. */
export const Page = ({
  title,
  actions,
  lead,
  children,
  className,
}: {
  readonly title: ReactNode
  readonly actions?: ReactNode
  readonly lead?: ReactNode
  readonly children: ReactNode
  readonly className?: string
}) => (
  <section className={className ? `page ${className}` : "page"}>
    <div className="page-head">
      <h1>{title}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
    {lead && <p className="lead">{lead}</p>}
    {children}
  </section>
)

/** A titled region of a page (a panel); the heading names it for assistive technology. */
export const Section = ({
  title,
  id,
  children,
  level = 2,
}: {
  readonly title: string
  readonly id?: string
  readonly children: ReactNode
  readonly level?: 2 | 3
}) => {
  const headingId = `${id ?? title.replace(/[^\p{L}\p{N}]+/gu, "-").toLowerCase()}-heading`
  const Heading = level === 2 ? "h2" : "h3"
  return (
    <section className="panel" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {children}
    </section>
  )
}

/** A polite status line for what just succeeded. */
export const Status = ({ children }: { readonly children: ReactNode }) => (
  <p role="status" className="status">
    {children}
  </p>
)
