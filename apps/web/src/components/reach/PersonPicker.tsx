/**
 * Finds a person by name as the user types, in Cyrillic or Latin: the API's `?q=` does the
 * matching, so the combo box shows the server's answer unfiltered.
 */
import type { Person } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from "react-aria-components"
import { peopleQuery } from "../../api/reach.js"
import { useI18n } from "../../i18n/I18n.js"
import { useInstitutionNames } from "../../api/institutions.js"

const fullName = (p: Person) => `${p.givenName} ${p.familyName}`

/** A combo box of people; `onSelect` gets the chosen person. */
export const PersonPicker = (props: {
  readonly label: string
  readonly onSelect: (person: Person) => void
  readonly exclude?: ReadonlyArray<string>
  readonly clearOnSelect?: boolean
}) => {
  const { t } = useI18n()
  const [input, setInput] = useState("")
  const { data } = useQuery({ ...peopleQuery(input, 20), enabled: input.trim().length > 0 })
  const items = (input.trim() ? (data?.items ?? []) : []).filter((p) => !props.exclude?.includes(p.id))
  const institutionName = useInstitutionNames(items.map((p) => p.institutionId))
  return (
    <ComboBox
      items={items}
      inputValue={input}
      onInputChange={setInput}
      defaultFilter={() => true}
      allowsEmptyCollection
      menuTrigger="input"
      onChange={(key) => {
        const person = items.find((p) => p.id === key)
        if (!person) return
        props.onSelect(person)
        setInput(props.clearOnSelect ? "" : fullName(person))
      }}
      className="field combobox"
    >
      <Label>{props.label}</Label>
      <div className="combobox-row">
        <Input />
        <Button aria-label={props.label}>▾</Button>
      </div>
      <Text slot="description">{t.reach.people.searchHelp}</Text>
      <Popover className="popover">
        <ListBox
          className="listbox"
          renderEmptyState={() => <p className="muted">{t.reach.people.noResults}</p>}
        >
          {(p: Person) => (
            <ListBoxItem id={p.id} textValue={fullName(p)} className="listbox-item">
              {fullName(p)}
              <span className="muted"> · {institutionName(p.institutionId)}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  )
}
