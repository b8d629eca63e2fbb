import { useMemo, useState } from "react";
import { attendee } from "../i18n/attendee";
import { type DirectoryFilters as Filters, type DirectoryItem, fetchDirectory } from "./attendee-api";
import { DirectoryFilters } from "./DirectoryFilters";
import { MeetingList } from "./MeetingList";
import { viewerZone } from "./time-format";
import { useDebounced, useLoad, useTitle } from "./use-load";

const NO_FILTERS: Filters = { day: "", timeOfDay: "", types: [], language: "", q: "", attendance: "" };

/** The front door: meetings live now, then everything starting from now around the week. */
export function DirectoryPage() {
  const t = attendee.useT();
  useTitle(t("directory.title"));
  const tz = useMemo(viewerZone, []);
  const [filters, setFilters] = useState(NO_FILTERS);
  const query = useDebounced(filters, 250);
  const key = JSON.stringify(query);
  const result = useLoad((signal) => fetchDirectory(query, tz, signal), [key, tz]);
  // Later pages, fetched with the cursor; reset whenever the filters change.
  const [more, setMore] = useState<{ key: string; items: DirectoryItem[]; cursor: string | null; busy: boolean }>({ key: "", items: [], cursor: null, busy: false });
  const data = result.data;
  const extra = more.key === key ? more : null;
  const live = data?.inProgress ?? [];
  const upcoming = [...(data?.items ?? []), ...(extra?.items ?? [])].filter((item) => !live.some((l) => l.id === item.id));
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
      <p className="lede">{t("directory.lede", { zone: tz })}</p>
      <DirectoryFilters value={filters} onChange={setFilters} />
      <div className="results" aria-busy={result.status === "loading"}>
        <p role="status" className="results-status">
          {result.status === "loading" && !data ? t("directory.loading") : null}
          {result.status === "error" ? t("directory.error") : null}
          {result.status === "ok" && live.length + upcoming.length === 0 ? t("directory.empty") : null}
        </p>
        <MeetingList id="live" title={t("directory.liveNow")} items={live} className="live-section" />
        <MeetingList id="upcoming" title={t("directory.upcoming")} items={upcoming} />
        {cursor ? (
          <button type="button" onClick={loadMore} disabled={extra?.busy ?? false}>
            {t("directory.more")}
          </button>
        ) : null}
      </div>
    </section>
  );
}
