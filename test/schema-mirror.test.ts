import { env } from "cloudflare:workers";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as core from "../worker/db/schema";
import * as rooms from "../worker/db/schema-rooms";
import * as stripe from "../worker/db/schema-stripe";
import * as treasury from "../worker/db/schema-treasury";

type Column = { name: string; type: string; notnull: boolean; pk: boolean };
type PragmaColumn = { name: string; type: string; notnull: number; pk: number };
type Index = { name: string; columns: string[]; unique: boolean; partial: boolean };

/** Every drizzle table the Worker queries with, by SQL name. */
const tables = [core, rooms, stripe, treasury]
  .flatMap((m) => Object.values(m))
  .filter((v): v is SQLiteTable => is(v, SQLiteTable));

/** What drizzle believes about a table's columns. */
function mirrored(table: SQLiteTable): Column[] {
  const config = getTableConfig(table);
  const composite = new Set(config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)));
  return config.columns
    .map((c) => {
      const pk = c.primary || composite.has(c.name);
      return { name: c.name, type: c.getSQLType().toUpperCase(), notnull: c.notNull || pk, pk };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What the hand-written migrations built, as D1 reports it (a PK column counts as not null, as drizzle says). */
async function migrated(name: string): Promise<Column[]> {
  const { results } = await env.DB.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`)
    .bind(name)
    .all<PragmaColumn>();
  return results
    .map((c) => ({ name: c.name, type: c.type.toUpperCase(), notnull: c.notnull === 1 || c.pk > 0, pk: c.pk > 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** An inline UNIQUE constraint: SQLite names its index itself (sqlite_autoindex_…), so it is known by its columns. */
const inlineUnique = (columns: string[]): Index => ({
  name: `UNIQUE (${columns.join(", ")})`,
  columns,
  unique: true,
  partial: false,
});

/**
 * What drizzle believes about a table's indexes (an expression column shows as "<expression>", as
 * D1 reports it): its named indexes, and its `.unique()` columns and unique constraints as the
 * inline UNIQUE constraints they mirror.
 */
function mirroredIndexes(table: SQLiteTable): Index[] {
  const config = getTableConfig(table);
  const named = config.indexes.map(({ config: index }) => ({
    name: index.name,
    columns: index.columns.map((c) => (is(c, SQLiteColumn) ? c.name : "<expression>")),
    unique: index.unique,
    partial: index.where !== undefined,
  }));
  const inline = [
    ...config.columns.filter((c) => c.isUnique).map((c) => [c.name]),
    ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
  ].map(inlineUnique);
  return [...named, ...inline].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The indexes the migrations built, as D1 reports them; a primary key's own index is the primary
 * key (compared with the columns), an inline UNIQUE constraint's is known by its columns.
 */
async function migratedIndexes(table: string): Promise<Index[]> {
  const { results } = await env.DB.prepare(
    `SELECT name, "unique", origin, partial FROM pragma_index_list(?) WHERE origin != 'pk'`,
  )
    .bind(table)
    .all<{ name: string; unique: number; origin: "c" | "u"; partial: number }>();
  const indexes: Index[] = [];
  for (const index of results) {
    const { results: columns } = await env.DB.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
      .bind(index.name)
      .all<{ name: string | null }>();
    const names = columns.map((c) => c.name ?? "<expression>");
    indexes.push(
      index.origin === "u"
        ? inlineUnique(names)
        : { name: index.name, columns: names, unique: index.unique === 1, partial: index.partial === 1 },
    );
  }
  return indexes.sort((a, b) => a.name.localeCompare(b.name));
}

describe("the drizzle schema mirrors the migrations", () => {
  it("finds the tables", () => {
    expect(tables.length).toBeGreaterThan(15);
  });

  it.each(tables.map((t) => [getTableConfig(t).name, t] as const))(
    "%s: same columns, types, not-null and primary key",
    async (name, table) => {
      expect(await migrated(name)).toEqual(mirrored(table));
    },
  );

  it.each(tables.map((t) => [getTableConfig(t).name, t] as const))(
    "%s: same indexes (name, columns in order, unique, partial) and inline UNIQUE constraints",
    async (name, table) => {
      expect(await migratedIndexes(name)).toEqual(mirroredIndexes(table));
    },
  );

  it("every table the migrations create (but FTS shadows and D1's own) has a drizzle mirror", async () => {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE '%_fts%'",
    ).all<{ name: string }>();
    const mirroredNames = new Set(tables.map((t) => getTableConfig(t).name));
    expect(results.map((r) => r.name).filter((n) => !mirroredNames.has(n))).toEqual([]);
  });
});
