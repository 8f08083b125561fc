import type { Institution } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { createInstitution, institutionKeys } from "@/api/institutions.js"
import { ProblemAlert } from "@/components/reach/Fields.js"
import { SelectField, TextInput } from "@/components/Fields.js"
import {
  kindOptions,
  levelOptions,
  provinceOptions,
  regionOf,
  regionOptions,
} from "@/components/reach/labels.js"
import { useI18n } from "@/i18n/I18n.js"

type Kind = Institution["kind"]
type Level = Institution["level"]
type Region = NonNullable<Institution["planningRegion"]>
type Province = NonNullable<Institution["province"]>

/** Creates an institution; region and province come from the NUTS data. */
export const InstitutionForm = ({ onCreated }: { readonly onCreated: (i: Institution) => void }) => {
  const { t, language } = useI18n()
  const r = t.reach.institutions
  const queryClient = useQueryClient()
  const [name, setName] = useState("")
  const [kind, setKind] = useState<Kind | undefined>(undefined)
  const [level, setLevel] = useState<Level | undefined>(undefined)
  const [country, setCountry] = useState("BG")
  const [region, setRegion] = useState<string | undefined>(undefined)
  const [province, setProvince] = useState<string | undefined>(undefined)
  const [municipality, setMunicipality] = useState("")
  const bulgarian = country.trim().toUpperCase() === "BG"
  const mutation = useMutation({
    mutationFn: () =>
      createInstitution({
        name: name.trim(),
        kind: kind as Kind,
        level: level as Level,
        country: country.trim().toUpperCase(),
        ...(bulgarian && region ? { planningRegion: region as Region } : {}),
        ...(bulgarian && province ? { province: province as Province } : {}),
        ...(bulgarian && municipality.trim() ? { municipality: municipality.trim() } : {}),
      }),
    onSuccess: async (created) => {
      await institutionKeys.invalidate(queryClient)
      onCreated(created)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <Form onSubmit={submit} className="form-grid" aria-label={r.createTitle}>
      <TextInput label={r.name} value={name} onChange={setName} isRequired autoFocus />
      <SelectField
        label={r.kind}
        value={kind}
        onChange={(k) => setKind(k as Kind | undefined)}
        options={kindOptions(t.reach)}
        isRequired
      />
      <SelectField
        label={r.level}
        value={level}
        onChange={(l) => setLevel(l as Level | undefined)}
        options={levelOptions(t.reach)}
        isRequired
      />
      <TextInput
        label={r.country}
        value={country}
        onChange={setCountry}
        isRequired
        description="ISO 3166-1 (BG)"
      />
      <SelectField
        label={r.planningRegion}
        value={region}
        onChange={(code) => {
          setRegion(code)
          if (province && code && regionOf(province) !== code) setProvince(undefined)
        }}
        options={regionOptions(language)}
        emptyLabel="—"
        isDisabled={!bulgarian}
      />
      <SelectField
        label={r.province}
        value={province}
        onChange={(code) => {
          setProvince(code)
          if (code) setRegion(regionOf(code))
        }}
        options={provinceOptions(language, region)}
        emptyLabel="—"
        isDisabled={!bulgarian}
      />
      <TextInput label={r.municipality} value={municipality} onChange={setMunicipality} />
      {!bulgarian && <p className="muted">{r.notBulgarian}</p>}
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {mutation.isPending ? t.reach.saving : t.app.create}
        </Button>
      </div>
    </Form>
  )
}
