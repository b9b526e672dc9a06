import { useEffect, useRef, useState } from 'react';
import type { CreateShareLinkResponse } from '@hearth/schema';
import { CreatedLinkPanel } from './CreatedLinkPanel.js';
import { ShareForm } from './ShareForm.js';

type Props = { open: boolean; onClose: () => void; onCreated: () => void };

/**
 * A modal `<dialog>` (focus kept inside, Escape closes) with the share form, then the new link.
 * Closing forgets the link: it cannot be shown again.
 */
export function CreateShareDialog({ open, onClose, onCreated }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [created, setCreated] = useState<CreateShareLinkResponse | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const close = () => {
    setCreated(null);
    onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="share-dialog"
      aria-label={created ? 'Share link created' : 'Share health data'}
      onClose={close}
    >
      {open &&
        (created ? (
          <CreatedLinkPanel created={created} onDone={close} />
        ) : (
          <ShareForm
            onCancel={close}
            onCreated={(link) => {
              setCreated(link);
              onCreated();
            }}
          />
        ))}
    </dialog>
  );
}
