/**
 * Writes text to the clipboard, or rejects: `navigator.clipboard` is missing outside a secure
 * context (plain http on a LAN address), and a missing clipboard must be said, not ignored.
 */
export async function copyText(text: string): Promise<void> {
  // The DOM types declare the clipboard always present; outside a secure context it is not.
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!clipboard) throw new Error('The clipboard is not available in this context.');
  await clipboard.writeText(text);
}
