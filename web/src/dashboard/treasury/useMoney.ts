import { useCallback } from "react";
import { treasuryText } from "../../i18n/dashboard-treasury";
import { dashApi, ensureOk } from "../client";
import { formatCents } from "../format";
import { useAsync } from "../useAsync";

/** Formats cents in the group's currency and the reader's language. */
export function useMoney(groupId: string): (cents: number) => string {
  const t = treasuryText.useT();
  const load = useCallback(
    async () =>
      (await (await ensureOk(await dashApi.groups[":groupId"].$get({ param: { groupId } }))).json()).group.currency,
    [groupId],
  );
  const currency = useAsync(load).data ?? "USD";
  return useCallback((cents: number) => formatCents(cents, currency, t.locale), [currency, t.locale]);
}
