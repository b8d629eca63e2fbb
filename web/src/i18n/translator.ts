import { getLocale, type Locale, registerStrings, useLocale } from "./locale";

type Vars = Record<string, string | number>;
export type Dictionary<K extends string> = Record<K, string>;
/**
 * One locale's strings: bundled with the namespace, or loaded on demand from their own chunk
 * (`() => import("./room.es")`), so a reader downloads only the language they read.
 */
export type DictionarySource<K extends string> = Dictionary<K> | (() => Promise<{ default: Dictionary<K> }>);

function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/**
 * Builds a typed translator for one message namespace. Every locale must define every key of
 * the English dictionary (the `Dictionary<K>` type enforces it, and a unit test checks it too).
 * English is always bundled (it is the fallback); another locale may load on demand: the locale
 * store (./locale.ts) loads it before switching to it, so no key or half-translated screen shows.
 * Plurals: keys `x_one` / `x_other` chosen with Intl.PluralRules via `t.plural("x", n)`.
 */
export function createTranslator<K extends string>(
  sources: { en: Dictionary<K> } & Record<Exclude<Locale, "en">, DictionarySource<K>>,
) {
  const ready = new Map<Locale, Dictionary<K>>();
  const pending = new Map<Locale, Promise<Dictionary<K>>>();
  const load = (locale: Locale): Promise<Dictionary<K>> => {
    const source: DictionarySource<K> = sources[locale];
    if (typeof source !== "function") return Promise.resolve(source);
    let loading = pending.get(locale);
    if (!loading) {
      loading = source().then((m) => {
        ready.set(locale, m.default);
        return m.default;
      });
      // A failed fetch may be retried by the next switch.
      loading.catch(() => pending.delete(locale));
      pending.set(locale, loading);
    }
    return loading;
  };
  registerStrings(load);

  const translate = (locale: Locale) => {
    const source = sources[locale];
    const dict = typeof source === "function" ? ready.get(locale) : source;
    const rules = new Intl.PluralRules(locale);
    const t = (key: K, vars?: Vars) => interpolate(dict?.[key] ?? sources.en[key] ?? key, vars);
    const plural = (base: string, count: number, vars?: Vars) => {
      const key = `${base}_${rules.select(count) === "one" ? "one" : "other"}` as K;
      return t(key, { count, ...vars });
    };
    return Object.assign(t, { plural, locale });
  };
  return {
    /** One locale's whole dictionary, loading it if it comes from its own chunk (tests, exports). */
    dictionary: load,
    /** For React components: re-renders on language change. */
    useT: () => translate(useLocale()),
    /** Outside React. */
    t: (key: K, vars?: Vars) => translate(getLocale())(key, vars),
    /** One locale's translator, whatever the current language (pure functions and their tests). */
    in: (locale: Locale) => translate(locale),
  };
}
