import type { UserConfig } from "vitest/config"
/** The shared vitest config for the package called `name`, with `test` options merged in. */
export declare const packageConfig: (name: string, test?: UserConfig["test"]) => UserConfig
