import type { ChildProcess, StdioOptions } from "node:child_process";

/** A service `supervise` keeps running. */
export interface Service {
	readonly name: string;
	readonly command: string;
	readonly args: ReadonlyArray<string>;
	readonly cwd?: string;
	readonly env?: NodeJS.ProcessEnv;
	readonly stdio?: StdioOptions;
	readonly log?: (line: string) => void;
	readonly onStart?: (child: ChildProcess) => void;
}

/** A supervised service. */
export interface Supervised {
	readonly child: () => ChildProcess | undefined;
	readonly stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts `service` and restarts it with back-off whenever it stops without being asked to. */
export declare const supervise: (service: Service) => Supervised;
