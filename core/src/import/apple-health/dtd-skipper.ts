/**
 * Drops the internal DTD (`<!DOCTYPE HealthData [ … ]>`) from the text before it reaches the
 * XML tokenizer. Exports carry a DTD of some 200 declarations, and the one iOS 16 shipped is
 * malformed (strict parsers refuse the file); a tokenizer that reads declarations one `>` at a
 * time could also take a stray `<` in a broken line for an element. Nothing in the DTD is needed,
 * so everything from `<!DOCTYPE` to the first `]` followed by `>` is skipped whatever it holds,
 * across chunk boundaries. Text before it and everything after passes through unchanged.
 */
const DOCTYPE = '<!DOCTYPE';
/** A prolog is a few hundred bytes; past this without a decision the text is not an export. */
const MAX_HEAD = 1 << 20;

const SEARCHING = 0;
const IN_DOCTYPE = 1;
const IN_SUBSET = 2;
const AFTER_SUBSET = 3;
const PASSING = 4;

export class DtdSkipper {
  private state = SEARCHING;
  private head = '';

  constructor(private readonly emit: (text: string) => void) {}

  push(text: string): void {
    if (this.state === PASSING) {
      this.emit(text);
      return;
    }
    if (this.state === SEARCHING) {
      this.head += text;
      this.search();
      return;
    }
    this.skip(text);
  }

  /** Ends the input: a head still undecided (a tiny or truncated file) goes to the tokenizer. */
  end(): void {
    if (this.state === SEARCHING && this.head) this.emit(this.head);
    this.head = '';
  }

  private search(): void {
    const head = this.head;
    const doctype = head.indexOf(DOCTYPE);
    const element = firstElementStart(head);
    if (doctype >= 0 && (element < 0 || doctype < element)) {
      this.head = '';
      this.state = IN_DOCTYPE;
      if (doctype > 0) this.emit(head.slice(0, doctype));
      this.skip(head.slice(doctype + DOCTYPE.length));
    } else if (element >= 0 || head.length > MAX_HEAD) {
      this.head = '';
      this.state = PASSING;
      this.emit(head);
    }
  }

  /** Consumes DTD text; emits whatever follows its end. */
  private skip(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.state === IN_DOCTYPE) {
        if (c === 91 /* [ */) this.state = IN_SUBSET;
        else if (c === 62 /* > */) return this.pass(text, i + 1);
      } else if (this.state === IN_SUBSET) {
        if (c === 93 /* ] */) this.state = AFTER_SUBSET;
      } else if (c === 62 /* > */) {
        return this.pass(text, i + 1);
      } else if (c !== 93 && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
        // `]` inside the subset (`<!ATTLIST x y (a|b) "[c]">`): keep looking for `]>`.
        this.state = IN_SUBSET;
      }
    }
  }

  private pass(text: string, from: number): void {
    this.state = PASSING;
    if (from < text.length) this.emit(text.slice(from));
  }
}

/** Index of the first `<` that opens an element (followed by a letter), or -1. */
function firstElementStart(text: string): number {
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    const next = text.charCodeAt(at + 1) | 0x20;
    if (next >= 97 && next <= 122) return at;
  }
  return -1;
}
