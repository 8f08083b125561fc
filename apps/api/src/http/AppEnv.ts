/**
 * What every request handler can reach: the process's runtime and who is asking.
 * @module
 */
import type { AppServices as Services } from "@coordina/app"
import type { ManagedRuntime } from "effect"
import type { Principal } from "./Auth.js"

/** The services the API's one `ManagedRuntime` provides. */
export type AppServices = Services

/** The process-wide runtime handlers run their effects in. */
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, never>

/** Hono's environment for Coordina's routes. */
export interface AppEnv {
  Variables: {
    runtime: AppRuntime
    principal: Principal
  }
}
