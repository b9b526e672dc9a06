import { useRef, useState } from 'react';
import type { CreateShareLinkResponse } from '@hearth/schema';
import { ActionError } from '../../components/ActionError.js';
import { copyText } from '../../components/copyText.js';
import { useAction } from '../../components/useAction.js';
import { shareAddress } from './shareAddress.js';
import { format } from '../../format/currentFormat.js';

/** Shows a new link once, with a copy button: the server keeps only the code's hash. */
export function CreatedLinkPanel({
  created,
  onDone,
}: {
  created: CreateShareLinkResponse;
  onDone: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const { url, warning } = shareAddress(created.shareUrl, window.location.origin);

  const copy = useAction(
    async () => {
      setCopied(false);
      await copyText(url);
      setCopied(true);
    },
    () => {
      // No clipboard permission (or not a secure context): select the text for a manual copy.
      inputRef.current?.select();
      return 'Copying is not allowed here: the link is selected, copy it by hand.';
    },
  );

  return (
    <div className="share-created">
      <h2>Link created</h2>
      <label htmlFor="share-created-url">Share link</label>
      <div className="share-created__row">
        <input
          id="share-created-url"
          ref={inputRef}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="primary" onClick={copy.run} disabled={copy.busy}>
          Copy link
        </button>
      </div>
      {warning && (
        <p role="alert" className="error-text">
          {warning}
        </p>
      )}
      <p role="status" className="hint">
        {copied && 'Copied to the clipboard.'}
      </p>
      <ActionError error={copy.error} />
      <p>
        It works until {format().date(Date.parse(created.expiresAt), 'date-time')}. This is the only
        time the link is shown: Hearth keeps just a fingerprint of it, so copy it now.
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
