/**
 * The failing places of a refused input under its earlier name: the one list of ui/Problem.tsx,
 * each place named in words and its message in the chosen language. New code uses `Failures`.
 */
import type { ProblemFieldError } from "@coordina/domain"
import { Failures } from "../ui/index.js"

/** The list of a problem's field errors; nothing when there are none. */
export const ProblemErrors = ({
  errors,
}: {
  readonly errors: ReadonlyArray<Pick<ProblemFieldError, "message"> & Partial<ProblemFieldError>>
}) => <Failures failures={errors} />
