import type { QueryClient } from "@tanstack/react-query"
import { createRootRouteWithContext, Outlet } from "@tanstack/react-router"
import { ErrorView } from "../components/ErrorView.js"
import { NotFound } from "../components/NotFound.js"

/** What every route's loader can reach. */
export interface RouterContext {
  readonly queryClient: QueryClient
}

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  errorComponent: ErrorView,
  notFoundComponent: NotFound,
})
