/**
 * The server's problems beside the fields they name: a 422 lists paths (`periodStart`,
 * `schedules.0.cron`, …) and each field shows the message for its own path, translated.
 */
import { ApiProblem } from "@/api/client.js"
import { translateMessage, useProblemTexts } from "@/ui/index.js"

/** The message a failed call's problem gives for a path, in the UI's language, if it names it. */
export const useProblemAt = (error: unknown): ((path: string) => string | undefined) => {
  const texts = useProblemTexts()
  return (path) =>
    error instanceof ApiProblem
      ? error.problem.errors
          ?.filter((e) => e.path === path)
          .map((e) => translateMessage(e.message, texts))
          .join("; ") || undefined
      : undefined
}
