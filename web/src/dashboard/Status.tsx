import { dashboard } from "../i18n/dashboard";
import { errorsText } from "../i18n/dashboard-errors";
import { errorSentence } from "./form-errors";
import type { Resource } from "./useAsync";

/** Loading and error states of a resource, in the space the content will take (no layout jump). */
export function ResourceStatus<T>({ resource }: { resource: Resource<T> }) {
  const t = dashboard.useT();
  if (resource.error) return <ErrorNote error={resource.error} onRetry={resource.reload} />;
  if (resource.loading && resource.data === undefined) return <p role="status">{t("dash.loading")}</p>;
  return null;
}

/** A resource that failed to load, in a calm sentence in the reader's language, and a way to try again. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = dashboard.useT();
  const say = errorsText.useT();
  return (
    <div role="alert" className="dash-error">
      <p>{errorSentence(error, say)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("dash.retry")}
        </button>
      )}
    </div>
  );
}

/** A polite live region that announces a success message (the region stays so it is announced at all). */
export function OkNotice({ text }: { text: string | null | false }) {
  return (
    <div aria-live="polite" className="dash-live">
      {text && <p className="dash-ok">{text}</p>}
    </div>
  );
}

/** `<option>`s for an account picker: "5300 Literature & Supplies". */
export function AccountOptions({ accounts }: { accounts: readonly { id: string; code: string; name: string }[] }) {
  return accounts.map((a) => (
    <option key={a.id} value={a.id}>
      {a.code} {a.name}
    </option>
  ));
}
