/**
 * `@coordina/api`: the HTTP application, for the server entry point and for tests.
 * @module
 */
export { makeApp } from "./app.js"
export { type ApiConfig, readConfig } from "./Config.js"
export type { AppEnv, AppRuntime, AppServices } from "./http/AppEnv.js"
export { errorTags } from "./http/Errors.js"
/** The demo data, for browser tests that check what a newcomer sees after `pnpm start`. */
export { loadDemo } from "./demo/Demo.js"
