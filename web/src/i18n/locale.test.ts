import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** A promise the test settles by hand: strings "arrive" exactly when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const EN = { "x.hello": "Hello", "x.bye": "Goodbye" };
const ES = { "x.hello": "Hola", "x.bye": "Adiós" };

/** Fresh locale store and translator modules (their state is per page load). */
async function fresh() {
  vi.resetModules();
  const locale = await import("./locale");
  const { createTranslator } = await import("./translator");
  /** A namespace whose Spanish arrives when the test resolves it (and counts its fetches). */
  const namespace = () => {
    const loads: ReturnType<typeof deferred<{ default: typeof ES }>>[] = [];
    const ns = createTranslator<keyof typeof EN>({
      en: EN,
      es: () => {
        const d = deferred<{ default: typeof ES }>();
        loads.push(d);
        return d.promise;
      },
    });
    return { ns, loads };
  };
  return { ...locale, namespace };
}

/** Lets every pending promise callback run (a macrotask turn; no wall-clock wait). */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the locale store loads a language's strings before switching to it", () => {
  const saved = new Map<string, string>();
  beforeEach(() => {
    saved.clear();
    vi.stubGlobal("localStorage", {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("stays in English, never showing a key, until every namespace's Spanish is in; then switches at once", async () => {
    const { setLocale, getLocale, namespace } = await fresh();
    const a = namespace();
    const b = namespace();
    const switching = setLocale("es");
    await flush();
    expect(a.loads).toHaveLength(1);
    expect(b.loads).toHaveLength(1);
    a.loads[0]?.resolve({ default: ES });
    await flush();
    expect(getLocale()).toBe("en");
    expect(a.ns.t("x.hello")).toBe("Hello");
    expect(b.ns.t("x.bye")).toBe("Goodbye");
    b.loads[0]?.resolve({ default: ES });
    await switching;
    expect(getLocale()).toBe("es");
    expect([a.ns.t("x.hello"), b.ns.t("x.bye")]).toEqual(["Hola", "Adiós"]);
    expect(saved.get("mh.locale")).toBe("es");
  });

  it("a namespace that registers while Spanish loads (a lazy chunk arriving) is loaded before the switch", async () => {
    const { setLocale, getLocale, namespace } = await fresh();
    const a = namespace();
    const switching = setLocale("es");
    await flush();
    const late = namespace();
    a.loads[0]?.resolve({ default: ES });
    await flush();
    expect(getLocale()).toBe("en");
    expect(late.loads).toHaveLength(1);
    late.loads[0]?.resolve({ default: ES });
    await switching;
    expect(late.ns.t("x.hello")).toBe("Hola");
  });

  it("offline, the switch still happens: strings that cannot load show in English (never a key) and are fetched again next time", async () => {
    const { setLocale, getLocale, namespace } = await fresh();
    const a = namespace();
    const b = namespace();
    const switching = setLocale("es");
    await flush();
    a.loads[0]?.resolve({ default: ES });
    b.loads[0]?.reject(new Error("offline"));
    await switching;
    expect(getLocale()).toBe("es");
    expect(saved.get("mh.locale")).toBe("es");
    expect([a.ns.t("x.hello"), b.ns.t("x.hello")]).toEqual(["Hola", "Hello"]);
    const again = setLocale("es");
    await flush();
    expect(b.loads).toHaveLength(2);
    b.loads[1]?.resolve({ default: ES });
    await again;
    expect(b.ns.t("x.hello")).toBe("Hola");
  });

  it("the later choice wins over a slower earlier one", async () => {
    const { setLocale, getLocale, namespace } = await fresh();
    const a = namespace();
    const toSpanish = setLocale("es");
    await setLocale("en");
    a.loads[0]?.resolve({ default: ES });
    await toSpanish;
    expect(getLocale()).toBe("en");
    expect(a.ns.t("x.hello")).toBe("Hello");
  });

  it("a reader who chose Spanish on an earlier visit gets it before the first render; offline, English stands in", async () => {
    saved.set("mh.locale", "es");
    const first = await fresh();
    const a = first.namespace();
    const ready = first.stringsReady();
    a.loads[0]?.resolve({ default: ES });
    await ready;
    expect(first.getLocale()).toBe("es");
    expect(a.ns.t("x.hello")).toBe("Hola");

    const offline = await fresh();
    const b = offline.namespace();
    const fallback = offline.stringsReady();
    b.loads[0]?.reject(new Error("offline"));
    await fallback;
    expect(offline.getLocale()).toBe("es");
    expect(b.ns.t("x.hello")).toBe("Hello");
  });

  it("a namespace that registers after the switch (a lazy chunk without withStrings) loads its Spanish at once", async () => {
    saved.set("mh.locale", "es");
    const { getLocale, namespace } = await fresh();
    const late = namespace();
    expect(late.loads).toHaveLength(1);
    late.loads[0]?.resolve({ default: ES });
    await flush();
    expect(getLocale()).toBe("es");
    expect(late.ns.t("x.hello")).toBe("Hola");
  });

  it("withStrings resolves a lazy chunk only after the strings it registered are loaded", async () => {
    saved.set("mh.locale", "es");
    const { withStrings, namespace } = await fresh();
    let chunkNs: ReturnType<typeof namespace> | undefined;
    let done = false;
    const load = withStrings(async () => {
      chunkNs = namespace();
      return "chunk";
    })().then((v) => {
      done = true;
      return v;
    });
    await flush();
    expect(done).toBe(false);
    chunkNs?.loads[0]?.resolve({ default: ES });
    expect(await load).toBe("chunk");
    expect(chunkNs?.ns.t("x.bye")).toBe("Adiós");
  });
});
