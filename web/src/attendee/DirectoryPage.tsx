import { useMemo, useState } from "react";
import { favourites, setZoneOverride, toggleFavourite } from "./device-prefs";
import { attendee } from "../i18n/attendee";
import { type DirectoryFilters as Filters, type DirectoryItem, fetchDirectory } from "./attendee-api";
import { DirectoryFilters } from "./DirectoryFilters";
import { MeetingList } from "./MeetingList";
import { browserZone, viewerZone } from "./time-format";
import { useDebounced, useLoad, useTitle } from "./use-load";

const NO_FILTERS: Filters = { day: "", timeOfDay: "", types: [], language: "", q: "", attendance: "" };

/** The front door: meetings live now, then everything starting from now around the week. */
export function DirectoryPage() {
  const t = attendee.useT();
  useTitle(t("directory.title"));
  const [tz, setTz] = useState(viewerZone);
  const [mine, setMine] = useState<string[]>(favourites);
  const [onlyMine, setOnlyMine] = useState(false);
  const [filters, setFilters] = useState(NO_FILTERS);
  const query = useDebounced(filters, 250);
  const key = JSON.stringify(query);
  const result = useLoad((signal) => fetchDirectory(query, tz, signal), [key, tz]);
  // Later pages, fetched with the cursor; reset whenever the filters change.
  const [more, setMore] = useState<{ key: string; items: DirectoryItem[]; cursor: string | null; busy: boolean }>({
    key: "",
    items: [],
    cursor: null,
    busy: false,
  });
  const data = result.data;
  const extra = more.key === key ? more : null;
  const kept = (item: DirectoryItem) => !onlyMine || mine.includes(item.id);
  const live = (data?.inProgress ?? []).filter(kept);
  const upcoming = [...(data?.items ?? []), ...(extra?.items ?? [])].filter(
    (item) => !live.some((l) => l.id === item.id) && kept(item),
  );
  const toggle = (id: string) => setMine(toggleFavourite(id));
  const cursor = extra ? extra.cursor : (data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    setMore({ key, items: extra?.items ?? [], cursor, busy: true });
    try {
      const page = await fetchDirectory(query, tz, new AbortController().signal, cursor);
      setMore({ key, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor, busy: false });
    } catch {
      setMore({ key, items: extra?.items ?? [], cursor, busy: false });
    }
  }

  return (
    <section className="directory" aria-labelledby="directory-title">
      <h1 id="directory-title">{t("directory.title")}</h1>
      <p className="lede">{t("directory.lede")}</p>
      <ZonePicker
        zone={tz}
        onChange={(zone) => {
          setZoneOverride(zone === browserZone() ? null : zone);
          setTz(zone);
        }}
      />
      <DirectoryFilters value={filters} onChange={setFilters} />
      <fieldset className="view-switch">
        <legend className="visually-hidden">{t("directory.view.label")}</legend>
        <button type="button" className="small" aria-pressed={!onlyMine} onClick={() => setOnlyMine(false)}>
          {t("directory.view.all")}
        </button>
        <button type="button" className="small" aria-pressed={onlyMine} onClick={() => setOnlyMine(true)}>
          {t("directory.view.mine", { count: mine.length })}
        </button>
      </fieldset>
      <div className="results" aria-busy={result.status === "loading"}>
        <p role="status" className="results-status">
          {result.status === "loading" && !data ? t("directory.loading") : null}
          {result.status === "error" ? t("directory.error") : null}
          {result.status === "ok" && live.length + upcoming.length === 0
            ? t(onlyMine ? "directory.mineEmpty" : "directory.empty")
            : null}
        </p>
        <MeetingList
          id="live"
          title={t("directory.liveNow")}
          items={live}
          className="live-section"
          favourites={mine}
          onToggleFavourite={toggle}
        />
        <MeetingList
          id="upcoming"
          title={t("directory.upcoming")}
          items={upcoming}
          favourites={mine}
          onToggleFavourite={toggle}
        />
        {cursor ? (
          <button type="button" onClick={loadMore} disabled={extra?.busy ?? false}>
            {t("directory.more")}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** "Times in: <zone>": the viewer's zone, changeable and kept on this device. */
function ZonePicker({ zone, onChange }: { zone: string; onChange: (zone: string) => void }) {
  const t = attendee.useT();
  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return [...new Set([browserZone(), zone, ...all])];
  }, [zone]);
  return (
    <p className="zone-line">
      <label>
        <span>{t("directory.zone")} </span>
        <select value={zone} onChange={(e) => onChange(e.target.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z === browserZone() ? t("directory.zoneDevice", { zone: z }) : z}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}
