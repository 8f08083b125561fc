import { type ReactNode, useState } from "react"
import { Button } from "react-aria-components"
import { StatusMessage } from "./Fields.js"

/**
 * A page heading with a button that opens a creation form under it, and the confirmation once
 * something was created. `form` receives `done(message)`, which closes the form and says so.
 */
export const CreatePanel = (props: {
  /** 1 for a page of its own, 2 for a section of a page. */
  readonly level: 1 | 2
  readonly title: string
  readonly createLabel: string
  readonly formTitle: string
  /** Id of the form's heading, which labels its section. */
  readonly formId: string
  readonly form: (done: (message: string) => void) => ReactNode
}) => {
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<string | null>(null)
  const Title = props.level === 1 ? "h1" : "h2"
  const FormTitle = props.level === 1 ? "h2" : "h3"
  return (
    <>
      <div className="page-head">
        <Title>{props.title}</Title>
        <Button className="button primary" aria-expanded={creating} onPress={() => setCreating((c) => !c)}>
          {props.createLabel}
        </Button>
      </div>
      {creating && (
        <section aria-labelledby={props.formId} className="panel">
          <FormTitle id={props.formId}>{props.formTitle}</FormTitle>
          {props.form((message) => {
            setCreating(false)
            setCreated(message)
          })}
        </section>
      )}
      {created && <StatusMessage>{created}</StatusMessage>}
    </>
  )
}
