/**
 * The main navigation, built once: entries grouped (projects and reach, agreements,
 * administration), each entry only for roles that may use it. On a wide screen a group opens as
 * a small menu; on a narrow one the whole navigation folds behind one "Menu" button and lists
 * every group.
 */
import { type AccessKind, allows, type Family } from "@coordina/domain"
import { Link, useRouterState } from "@tanstack/react-router"
import { type ReactNode, useEffect, useId, useRef, useState } from "react"
import { principalOf, useCurrentSession } from "../auth/Can.js"
import { useI18n } from "../i18n/I18n.js"

interface Entry {
  readonly family: Family
  readonly access?: AccessKind
  readonly link: ReactNode
}

/** One group: a button that opens its links; closes on a click outside, Escape or a new page. */
const Group = ({ title, entries }: { title: string; entries: ReadonlyArray<ReactNode> }) => {
  const [open, setOpen] = useState(false)
  const id = useId()
  const ref = useRef<HTMLDivElement>(null)
  const path = useRouterState({ select: (s) => s.location.pathname })
  useEffect(() => setOpen(false), [path])
  useEffect(() => {
    if (!open) return
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false)
    }
    document.addEventListener("mousedown", away)
    document.addEventListener("keydown", onKey)
    return () => {
      document.removeEventListener("mousedown", away)
      document.removeEventListener("keydown", onKey)
    }
  }, [open])
  if (entries.length === 0) return null
  return (
    <div className="nav-group" ref={ref}>
      <button
        type="button"
        className="nav-group-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {title}
      </button>
      <ul id={id} className="nav-group-links" data-open={open || undefined}>
        {entries.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </div>
  )
}

/** The grouped navigation with the narrow screens' menu button. */
export const MainNav = () => {
  const { t } = useI18n()
  const session = useCurrentSession()
  const [open, setOpen] = useState(false)
  const path = useRouterState({ select: (s) => s.location.pathname })
  useEffect(() => setOpen(false), [path])
  const may = (e: Entry) =>
    session !== undefined && allows(principalOf(session), e.family, e.access ?? "read")
  const active = { className: "active" }
  const tn = t.agreements.nav
  const groups: ReadonlyArray<{ title: string; entries: ReadonlyArray<Entry> }> = [
    {
      title: t.product.nav.groups.reach,
      entries: [
        {
          family: "projects",
          link: (
            <Link to="/projects" activeProps={active}>
              {t.nav.projects}
            </Link>
          ),
        },
        {
          family: "institutions",
          link: (
            <Link to="/institutions" activeProps={active}>
              {t.reach.nav.institutions}
            </Link>
          ),
        },
        {
          family: "people",
          link: (
            <Link to="/people" activeOptions={{ exact: true }} activeProps={active}>
              {t.reach.nav.people}
            </Link>
          ),
        },
        {
          family: "people",
          link: (
            <Link to="/people/duplicates" activeProps={active}>
              {t.reach.nav.duplicates}
            </Link>
          ),
        },

        {
          family: "reports",
          link: (
            <Link to="/practices" search={{}} activeProps={active}>
              {t.practices.nav.library}
            </Link>
          ),
        },
        {
          family: "reports",
          link: (
            <Link to="/recommendations" search={{}} activeProps={active}>
              {t.practices.nav.recommendations}
            </Link>
          ),
        },
      ],
    },
    {
      title: t.product.nav.groups.agreements,
      entries: [
        {
          family: "agreements",
          link: (
            <Link to="/agreements" search={{}} activeProps={active}>
              {tn.agreements}
            </Link>
          ),
        },
        {
          family: "beneficiaries",
          link: (
            <Link to="/beneficiaries" search={{}} activeProps={active}>
              {t.product.nav.beneficiaries}
            </Link>
          ),
        },
        {
          family: "agreements",
          link: (
            <Link to="/offers" activeProps={active}>
              {tn.offers}
            </Link>
          ),
        },
        {
          family: "tasks",
          link: (
            <Link to="/tasks" search={{}} activeProps={active}>
              {tn.tasks}
            </Link>
          ),
        },
        {
          family: "review",
          link: (
            <Link to="/review" search={{}} activeProps={active}>
              {tn.review}
            </Link>
          ),
        },
      ],
    },
    {
      title: t.product.nav.groups.admin,
      entries: [
        {
          family: "users",
          link: (
            <Link to="/users" activeProps={active}>
              {t.access.nav.users}
            </Link>
          ),
        },
        {
          family: "api-keys",
          link: (
            <Link to="/api-keys" activeProps={active}>
              {t.access.nav.apiKeys}
            </Link>
          ),
        },
        {
          family: "webhooks",
          link: (
            <Link to="/webhooks" activeProps={active}>
              {t.webhooks.nav.webhooks}
            </Link>
          ),
        },
        {
          family: "webhooks",
          link: (
            <Link to="/outbox" search={{}} activeProps={active}>
              {t.webhooks.nav.outbox}
            </Link>
          ),
        },
        {
          family: "audit",
          link: (
            <Link to="/audit" activeProps={active}>
              {t.access.nav.audit}
            </Link>
          ),
        },
        {
          family: "retention",
          link: (
            <Link to="/data-protection" activeProps={active}>
              {t.access.nav.dataProtection}
            </Link>
          ),
        },
      ],
    },
  ]
  return (
    <>
      <button
        type="button"
        className="menu-toggle button"
        aria-expanded={open}
        aria-controls="main-navigation"
        onClick={() => setOpen(!open)}
      >
        {open ? t.product.nav.closeMenu : t.product.nav.menu}
      </button>
      <nav
        id="main-navigation"
        aria-label={t.nav.mainNavigation}
        className="nav"
        data-open={open || undefined}
      >
        {groups.map((g) => (
          <Group key={g.title} title={g.title} entries={g.entries.filter(may).map((e) => e.link)} />
        ))}
      </nav>
    </>
  )
}
