/**
 * Whether the process can serve: the database answers. The API's `/health` asks it here, so that
 * no route reaches into the store.
 * @module
 */
import { Database } from "@coordina/store"

/** True once the database answers a trivial query; never fails. */
export const databaseAnswers = Database.ping
