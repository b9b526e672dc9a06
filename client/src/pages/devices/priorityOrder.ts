/** Moves the item at `from` to index `to` (both clamped), returning a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (from < 0 || from >= items.length) return result;
  const target = Math.max(0, Math.min(items.length - 1, to));
  const [moved] = result.splice(from, 1);
  result.splice(target, 0, moved as T);
  return result;
}

/** The new order after a keyboard "move up/down" or a drop on another row. */
export function reorder(ids: readonly string[], id: string, toIndex: number): string[] {
  return moveItem(ids, ids.indexOf(id), toIndex);
}

/** What a screen reader hears after a move. */
export function moveAnnouncement(name: string, index: number, total: number): string {
  return `${name} is now number ${index + 1} of ${total} in priority.`;
}
