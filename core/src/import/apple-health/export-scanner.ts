import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** The attributes of a `Record` the reader uses, as written (entities not yet decoded). */
export interface RecordFields {
  type: string;
  sourceName: string;
  device: string;
  unit: string;
  startDate: string;
  endDate: string;
  value: string;
}

export interface ScannerEvents {
  /** A `Record` start tag was read; `fields` is reused for the next record. */
  onRecord(fields: RecordFields, inCorrelation: boolean): void;
}

const TAG_OTHER = 0;
const TAG_RECORD = 1;
const TAG_CORRELATION = 2;
const TAG_HEALTH_DATA = 3;

/**
 * The attributes read, as `[attribute name, field]`. iOS 8's exports (2014–2015) named the source
 * `source`, not `sourceName`, and wrote heart rate as hourly `min`/`max`/`average` with no `value`:
 * those names fill the same fields, and `average` only where there is no `value`.
 */
const ATTRIBUTES: ReadonlyArray<readonly [string, keyof RecordFields]> = [
  ['type', 'type'],
  ['sourceName', 'sourceName'],
  ['source', 'sourceName'],
  ['device', 'device'],
  ['unit', 'unit'],
  ['startDate', 'startDate'],
  ['endDate', 'endDate'],
  ['value', 'value'],
  ['average', 'value'],
];

/** The attributes read, by their name's length (names are matched without slicing the text). */
const ATTRIBUTES_BY_LENGTH: ReadonlyArray<ReadonlyArray<readonly [string, keyof RecordFields]>> =
  (() => {
    const byLength: Array<Array<readonly [string, keyof RecordFields]>> = [];
    for (const entry of ATTRIBUTES) (byLength[entry[0].length] ??= []).push(entry);
    return byLength;
  })();

const NO_ATTRIBUTES: ReadonlyArray<readonly [string, keyof RecordFields]> = [];

/**
 * Turns export text into `Record` events, on htmlparser2's tokenizer (forgiving, as real exports
 * need; its `Parser` builds an attribute object per element and a tag stack, which measured 0.55×
 * the tokenizer's speed on an export). Only `Record` attributes are sliced out of the text; records
 * nested in a `Correlation` are flagged, since Apple writes them at top level too.
 */
export class ExportScanner implements TokenizerCallbacks {
  /** Whether a `HealthData` element was seen: the proof that the text is an Apple Health export. */
  sawHealthData = false;
  private readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, this);
  private readonly fields: RecordFields = emptyFields();
  private tag = TAG_OTHER;
  private field: keyof RecordFields | null = null;
  /** The attribute being read fills its field only if the field is still empty. */
  private fallback = false;
  private fieldValue = '';
  private correlationDepth = 0;
  /** Text not yet released: a tag or attribute name may straddle chunks. */
  private chunks: string[] = [];
  private chunksStart = 0;
  /** The chunk being tokenized and its absolute offset: most names lie inside it. */
  private current = '';
  private currentStart = 0;

  constructor(private readonly events: ScannerEvents) {}

  write(text: string): void {
    if (!text) return;
    this.currentStart += this.current.length;
    this.current = text;
    this.chunks.push(text);
    this.tokenizer.write(text);
  }

  end(): void {
    this.tokenizer.end();
    this.chunks = [];
  }

  /** Text from absolute offset `start` to `end`, which may span chunks. */
  private slice(start: number, end: number): string {
    if (start >= end) return '';
    this.release(start);
    const first = this.chunks[0] ?? '';
    let text = first.slice(start - this.chunksStart, end - this.chunksStart);
    let offset = this.chunksStart + first.length;
    for (let k = 1; offset < end && k < this.chunks.length; k++) {
      const chunk = this.chunks[k] ?? '';
      text += chunk.slice(0, end - offset);
      offset += chunk.length;
    }
    return text;
  }

  /** Whether the text from `start` to `end` is `word`, without making a string when it can. */
  private is(word: string, start: number, end: number): boolean {
    if (end - start !== word.length) return false;
    if (start >= this.currentStart) return this.current.startsWith(word, start - this.currentStart);
    return this.slice(start, end) === word;
  }

  /** Forgets the chunks that end before `offset`. */
  private release(offset: number): void {
    let drop = 0;
    let start = this.chunksStart;
    while (drop < this.chunks.length - 1 && start + (this.chunks[drop] ?? '').length <= offset) {
      start += (this.chunks[drop] ?? '').length;
      drop++;
    }
    if (drop > 0) {
      this.chunks.splice(0, drop);
      this.chunksStart = start;
    }
  }

  onopentagname(start: number, end: number): void {
    if (this.is('Record', start, end)) {
      this.tag = TAG_RECORD;
      resetFields(this.fields);
    } else if (this.is('Correlation', start, end)) this.tag = TAG_CORRELATION;
    else if (this.is('HealthData', start, end)) this.tag = TAG_HEALTH_DATA;
    else this.tag = TAG_OTHER;
  }

  onattribname(start: number, end: number): void {
    if (this.tag !== TAG_RECORD) return;
    this.field = null;
    this.fallback = false;
    for (const [name, field] of ATTRIBUTES_BY_LENGTH[end - start] ?? NO_ATTRIBUTES) {
      if (this.is(name, start, end)) {
        this.field = field;
        this.fallback = name === 'average';
      }
    }
  }

  onattribdata(start: number, end: number): void {
    if (this.field !== null) this.fieldValue += this.slice(start, end);
  }

  onattribend(): void {
    if (this.field !== null && !(this.fallback && this.fields.value !== '')) {
      setField(this.fields, this.field, this.fieldValue);
    }
    this.field = null;
    this.fieldValue = '';
  }

  onopentagend(): void {
    this.openTagDone();
    if (this.tag === TAG_CORRELATION) this.correlationDepth++;
  }

  onselfclosingtag(): void {
    this.openTagDone();
  }

  onclosetag(start: number, end: number): void {
    if (this.correlationDepth > 0 && this.is('Correlation', start, end)) {
      this.correlationDepth--;
    }
  }

  ontext(start: number): void {
    this.release(start);
  }

  private openTagDone(): void {
    if (this.tag === TAG_RECORD) this.events.onRecord(this.fields, this.correlationDepth > 0);
    else if (this.tag === TAG_HEALTH_DATA) this.sawHealthData = true;
  }

  // Entities stay undecoded (`decodeEntities: false`); the rest carries nothing the reader needs.
  onattribentity(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onprocessinginstruction(): void {}
  ontextentity(): void {}
}

function emptyFields(): RecordFields {
  return { type: '', sourceName: '', device: '', unit: '', startDate: '', endDate: '', value: '' };
}

function resetFields(fields: RecordFields): void {
  fields.type = '';
  fields.sourceName = '';
  fields.device = '';
  fields.unit = '';
  fields.startDate = '';
  fields.endDate = '';
  fields.value = '';
}

/** One store per property name keeps each store monomorphic (a keyed store was 10 % of a read). */
function setField(fields: RecordFields, name: keyof RecordFields, value: string): void {
  switch (name) {
    case 'type':
      fields.type = value;
      break;
    case 'sourceName':
      fields.sourceName = value;
      break;
    case 'device':
      fields.device = value;
      break;
    case 'unit':
      fields.unit = value;
      break;
    case 'startDate':
      fields.startDate = value;
      break;
    case 'endDate':
      fields.endDate = value;
      break;
    case 'value':
      fields.value = value;
      break;
  }
}
