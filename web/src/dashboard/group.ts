import { useSyncExternalStore } from "react";
import type { Me, Role } from "./session";

const STORAGE_KEY = "mh.service.group";
const listeners = new Set<() => void>();

/** Remembers the group the member is serving, on this device. */
export function selectGroup(groupId: string): void {
  localStorage.setItem(STORAGE_KEY, groupId);
  for (const l of listeners) l();
}

function useStoredGroup(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => localStorage.getItem(STORAGE_KEY),
    () => null,
  );
}

export type GroupChoice = { id: string; name: string; timezone: string; roles: Role[] };

/** The member's groups, each once, with every role they hold in it. */
export function groupsOf(me: Me): GroupChoice[] {
  const byId = new Map<string, GroupChoice>();
  for (const a of me.assignments) {
    const g = byId.get(a.groupId) ?? { id: a.groupId, name: a.groupName, timezone: a.groupTimezone, roles: [] };
    if (!g.roles.includes(a.role)) g.roles.push(a.role);
    byId.set(a.groupId, g);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** True when the member may keep this group's books (treasurer or admin). */
export function canKeepBooks(group: GroupChoice): boolean {
  return group.roles.includes("treasurer") || group.roles.includes("admin");
}

/** True when the member may write the books: post, pay, budget, change the chart of accounts (treasurer only; the API says the same). */
export function canWriteBooks(group: GroupChoice): boolean {
  return group.roles.includes("treasurer");
}

/** True when the member may edit meetings and service rotation (secretary or admin). */
/** Hosts and admins run the rooms: they see and lift the meeting's bans. */
export function canModerate(group: GroupChoice): boolean {
  return group.roles.includes("host") || group.roles.includes("admin");
}

export function canManage(group: GroupChoice): boolean {
  return group.roles.includes("secretary") || group.roles.includes("admin");
}

/** The current group: the remembered one if the member still serves there, else the first. */
export function useCurrentGroup(me: Me): GroupChoice | null {
  const stored = useStoredGroup();
  const groups = groupsOf(me);
  return groups.find((g) => g.id === stored) ?? groups[0] ?? null;
}
