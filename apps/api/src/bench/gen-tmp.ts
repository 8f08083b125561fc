import { Database } from "@coordina/store"
import { ManagedRuntime } from "effect"
import { generate, sizeAt } from "./generate.js"
const url = process.argv[2]!
const rt = ManagedRuntime.make(Database.layer(url))
await rt.runPromise(generate(sizeAt(Number(process.argv[3] ?? 0.25)), console.log))
await rt.dispose()
