import { dashboard } from "../i18n/dashboard";
import type { HttpError } from "./http";
import type { Resource } from "./useAsync";

/** Loading and error states of a resource, in the space the content will take (no layout jump). */
export function ResourceStatus<T>({ resource }: { resource: Resource<T> }) {
  const t = dashboard.useT();
  if (resource.error) return <ErrorNote error={resource.error} onRetry={resource.reload} />;
  if (resource.loading && resource.data === undefined) return <p role="status">{t("dash.loading")}</p>;
  return null;
}

/** An error in calm words, with the fields the API named, and a way to try again. */
export function ErrorNote({ error, onRetry }: { error: HttpError | Error; onRetry?: () => void }) {
  const t = dashboard.useT();
  const issues = "issues" in error ? error.issues : [];
  return (
    <div role="alert" className="dash-error">
      <p>{t("dash.error", { message: error.message })}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={i.path}>
              <code>{i.path.replace(/^json\./, "")}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
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
