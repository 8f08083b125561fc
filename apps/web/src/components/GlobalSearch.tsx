/**
 * The header's search box: as the person types, the API's one search answers with everything
 * the caller may read (its kinds follow the caller's rights); choosing a hit opens its page.
 */
import type { SearchHit } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import { useDeferredValue, useState } from "react"
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from "react-aria-components"
import { searchQuery } from "../api/search.js"
import { useI18n } from "../i18n/I18n.js"

const keyOf = (h: SearchHit) => `${h.kind}:${h.id}`

/** The search box of the header. */
export const GlobalSearch = () => {
  const { t } = useI18n()
  const ts = t.product.search
  const navigate = useNavigate()
  const [input, setInput] = useState("")
  // Typing stays responsive; the request follows the settled text.
  const q = useDeferredValue(input.trim())
  const { data } = useQuery(searchQuery(q))
  const items = q === "" ? [] : (data?.items ?? [])
  const open = (hit: SearchHit) => {
    setInput("")
    switch (hit.kind) {
      case "person":
        return navigate({ to: "/people/$personId", params: { personId: hit.id } })
      case "beneficiary":
        return navigate({ to: "/beneficiaries/$beneficiaryId", params: { beneficiaryId: hit.id } })
      case "institution":
        return navigate({ to: "/institutions/$institutionId", params: { institutionId: hit.id } })
      case "event":
        return navigate({ to: "/events/$eventId", params: { eventId: hit.id } })
      case "agreement":
        return navigate({ to: "/agreements/$agreementId", params: { agreementId: hit.id } })
    }
  }
  return (
    <ComboBox
      items={items.map((h) => ({ ...h, key: keyOf(h) }))}
      inputValue={input}
      onInputChange={setInput}
      defaultFilter={() => true}
      allowsEmptyCollection
      menuTrigger="input"
      onChange={(key) => {
        const hit = items.find((h) => keyOf(h) === key)
        if (hit) void open(hit)
      }}
      className="global-search"
      aria-label={ts.label}
    >
      <Label className="visually-hidden">{ts.label}</Label>
      <Input placeholder={ts.placeholder} type="search" />
      <Popover className="popover search-popover" placement="bottom end">
        <ListBox className="listbox" renderEmptyState={() => <p className="muted">{ts.none}</p>}>
          {(h: SearchHit & { key: string }) => (
            <ListBoxItem id={h.key} textValue={`${h.label} ${h.detail ?? ""}`} className="listbox-item">
              <span className="badge">{ts.kinds[h.kind]}</span> {h.label}
              {h.detail && <span className="muted"> · {h.detail}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  )
}
