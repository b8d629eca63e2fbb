import type { DirectoryItem } from "./attendee-api";
import { MeetingCard } from "./MeetingCard";

/** A titled section of meeting cards; renders nothing when empty. */
type Props = {
  id: string;
  title: string;
  items: DirectoryItem[];
  className?: string;
  favourites: readonly string[];
  onToggleFavourite: (id: string) => void;
};

export function MeetingList({ id, title, items, className, favourites, onToggleFavourite }: Props) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-title`} className={className}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ul className="cards">
        {items.map((item) => (
          <li key={item.id}>
            <MeetingCard item={item} favourite={favourites.includes(item.id)} onToggleFavourite={onToggleFavourite} />
          </li>
        ))}
      </ul>
    </section>
  );
}
