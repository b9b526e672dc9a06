import { useState, type DragEvent } from 'react';

/** Apple's export and the XML inside it; a browser may report either type, or none. */
const ACCEPT = '.zip,.xml,application/zip,application/xml,text/xml';

/** The file input (the accessible way) and a drop zone around it (the quick way). */
export function ExportFilePicker({
  onFile,
  disabled,
}: {
  onFile: (file: File) => void;
  disabled: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
      data-testid="import-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor="import-file">Apple Health export (export.zip or export.xml)</label>
      <input
        id="import-file"
        type="file"
        accept={ACCEPT}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p className="muted">or drop the file here</p>
    </div>
  );
}
