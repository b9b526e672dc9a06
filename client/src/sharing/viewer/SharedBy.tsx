/** Whose data the viewer shows: the owner's display name, when they set one (SPECIFICATION.md §14). */
export function SharedBy({ name }: { name: string | undefined }) {
  if (!name) return null;
  return (
    <p className="shared-view__owner">
      Shared by <strong>{name}</strong>
    </p>
  );
}
