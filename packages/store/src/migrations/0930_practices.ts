/**
 * The good-practice library: practices with their filters as columns, their texts and sources as
 * JSON, the events where they were presented and the people who presented them, and full-text
 * search over a search text the domain writes (both languages, Cyrillic transliterated as
 * people's names are). PostgreSQL indexes a generated `tsvector` (the `simple` configuration,
 * through `unaccent`); SQLite an FTS5 table that triggers keep in step with the practices.
 *
 * Events and people carry no foreign key here: the use cases check the ids (a 422 with the
 * path), and the people's merge and erasure rules stay free of this table.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE practices (
      id TEXT PRIMARY KEY,
      country TEXT NOT NULL,
      area TEXT NOT NULL,
      level TEXT NOT NULL,
      content TEXT NOT NULL,
      search_text TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX practices_filters ON practices (country, area, level, id)`
  yield* sql`
    CREATE TABLE practice_events (
      practice_id TEXT NOT NULL REFERENCES practices (id),
      event_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (practice_id, event_id)
    )`
  yield* sql`CREATE INDEX practice_events_event ON practice_events (event_id, practice_id)`
  yield* sql`
    CREATE TABLE practice_presenters (
      practice_id TEXT NOT NULL REFERENCES practices (id),
      person_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (practice_id, person_id)
    )`
  yield* sql`CREATE INDEX practice_presenters_person ON practice_presenters (person_id, practice_id)`
  yield* sql.onDialectOrElse({
    pg: () =>
      Effect.all(
        [
          // A trusted extension since PostgreSQL 13: the database's owner may create it.
          sql.unsafe(`CREATE EXTENSION IF NOT EXISTS unaccent`),
          // unaccent() is only STABLE (its dictionary could change); a generated column needs an
          // IMMUTABLE function, so the dictionary is named explicitly in a wrapper.
          sql.unsafe(`
          CREATE FUNCTION coordina_unaccent(text) RETURNS text
          LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
          AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`),
          sql.unsafe(`
          ALTER TABLE practices ADD COLUMN search_vector tsvector
          GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coordina_unaccent(search_text))) STORED`),
          sql.unsafe(`CREATE INDEX practices_search ON practices USING gin (search_vector)`),
        ],
        { discard: true },
      ),
    orElse: () =>
      Effect.all(
        [
          sql.unsafe(`
          CREATE VIRTUAL TABLE practices_fts USING fts5(
            practice_id UNINDEXED, search_text, tokenize = 'unicode61 remove_diacritics 2'
          )`),
          sql.unsafe(`
          CREATE TRIGGER practices_fts_insert AFTER INSERT ON practices BEGIN
            INSERT INTO practices_fts (practice_id, search_text) VALUES (new.id, new.search_text);
          END`),
          sql.unsafe(`
          CREATE TRIGGER practices_fts_update AFTER UPDATE OF search_text ON practices BEGIN
            DELETE FROM practices_fts WHERE practice_id = old.id;
            INSERT INTO practices_fts (practice_id, search_text) VALUES (new.id, new.search_text);
          END`),
          sql.unsafe(`
          CREATE TRIGGER practices_fts_delete AFTER DELETE ON practices BEGIN
            DELETE FROM practices_fts WHERE practice_id = old.id;
          END`),
        ],
        { discard: true },
      ),
  })
})
