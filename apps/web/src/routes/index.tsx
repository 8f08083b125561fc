import { allows, type Family } from "@coordina/domain"
import { createFileRoute, redirect } from "@tanstack/react-router"
import { currentSessionQuery } from "../api/access.js"
import { principalOf } from "../auth/Can.js"

/** Where each kind of work starts, in order: the first one the caller may read is home. */
const homes = [
  ["projects", "/projects"],
  ["agreements", "/agreements"],
  ["tasks", "/tasks"],
  ["audit", "/audit"],
] as const satisfies ReadonlyArray<readonly [Family, string]>

export const Route = createFileRoute("/")({
  beforeLoad: async ({ context }) => {
    // Nobody signed in: the projects page sends them to sign-in and back.
    const session = await context.queryClient.ensureQueryData(currentSessionQuery()).catch(() => undefined)
    const principal = session && principalOf(session)
    const home = homes.find(([family]) => principal && allows(principal, family, "read"))?.[1] ?? "/projects"
    throw redirect({ to: home })
  },
})
