/**
 * Picks a beneficiary as the person types a pseudonym, or a name where their role may read
 * names (Latin input finds Cyrillic names): the API's list does the matching and the scoping.
 */
import type { BeneficiaryListItem } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { useDeferredValue, useState } from "react"
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from "react-aria-components"
import { beneficiariesQuery } from "../api/search.js"
import { useI18n } from "../i18n/I18n.js"

const labelOf = (b: BeneficiaryListItem) =>
  b.personal ? `${b.pseudonym} · ${b.personal.givenName} ${b.personal.familyName}` : b.pseudonym

/** A combo box of beneficiaries; `onSelect` gets the chosen one's id. */
export const BeneficiaryPicker = (props: {
  readonly label: string
  readonly selectedId: string
  readonly onSelect: (id: string) => void
}) => {
  const { t } = useI18n()
  const tb = t.product.beneficiaries
  const [input, setInput] = useState("")
  const q = useDeferredValue(input.trim())
  const { data } = useQuery({ ...beneficiariesQuery(q || undefined), enabled: q !== "" })
  const items = q === "" ? [] : (data?.items ?? [])
  return (
    <ComboBox
      items={items}
      inputValue={input}
      onInputChange={setInput}
      selectedKey={props.selectedId || null}
      defaultFilter={() => true}
      allowsEmptyCollection
      menuTrigger="input"
      onChange={(key) => {
        const b = items.find((i) => i.id === key)
        if (!b) return
        props.onSelect(b.id)
        setInput(labelOf(b))
      }}
      // Not required here: a beneficiary chosen elsewhere (the beneficiary's page) arrives by id.
      className="field combobox"
    >
      <Label>{props.label}</Label>
      <div className="combobox-row">
        <Input data-testid="beneficiary-picker" />
        <Button aria-label={props.label}>▾</Button>
      </div>
      <Text slot="description">{tb.search}</Text>
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <p className="muted">{tb.none}</p>}>
          {(b: BeneficiaryListItem) => (
            <ListBoxItem id={b.id} textValue={labelOf(b)} className="listbox-item">
              {labelOf(b)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  )
}
