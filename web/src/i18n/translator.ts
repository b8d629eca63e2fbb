import { getLocale, type Locale, useLocale } from "./locale";

type Vars = Record<string, string | number>;
export type Dictionary<K extends string> = Record<K, string>;

function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/**
 * Builds a typed translator for one message namespace. Every locale must define every key of
 * the English dictionary (the `Dictionary<K>` type enforces it, and a unit test checks it too).
 * Plurals: keys `x_one` / `x_other` chosen with Intl.PluralRules via `t.plural("x", n)`.
 */
export function createTranslator<K extends string>(dictionaries: Record<Locale, Dictionary<K>>) {
  const translate = (locale: Locale) => {
    const dict = dictionaries[locale];
    const rules = new Intl.PluralRules(locale);
    const t = (key: K, vars?: Vars) => interpolate(dict[key] ?? dictionaries.en[key] ?? key, vars);
    const plural = (base: string, count: number, vars?: Vars) => {
      const key = `${base}_${rules.select(count) === "one" ? "one" : "other"}` as K;
      return t(key, { count, ...vars });
    };
    return Object.assign(t, { plural, locale });
  };
  return {
    dictionaries,
    /** For React components: re-renders on language change. */
    useT: () => translate(useLocale()),
    /** Outside React. */
    t: (key: K, vars?: Vars) => translate(getLocale())(key, vars),
    /** One locale's translator, whatever the current language (pure functions and their tests). */
    in: (locale: Locale) => translate(locale),
  };
}
