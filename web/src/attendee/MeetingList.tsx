import type { DirectoryItem } from "./attendee-api";
import { MeetingCard } from "./MeetingCard";

/** A titled section of meeting cards; renders nothing when empty. */
export function MeetingList({ id, title, items, className }: { id: string; title: string; items: DirectoryItem[]; className?: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-title`} className={className}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ul className="cards">
        {items.map((item) => (
          <li key={item.id}>
            <MeetingCard item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}
