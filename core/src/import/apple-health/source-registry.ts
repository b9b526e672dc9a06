import { guessDeviceKind, sourceKey } from '../sources.js';
import type { ImportSource } from '../types.js';
import { decodeXmlEntities } from './xml-entities.js';
import { readDeviceAttribute } from './apple-types.js';

/**
 * One `ImportSource` per real device. Records name their source in free text, so the raw text
 * (entities undecoded) is looked up first, the folded key only the first time a text is seen:
 * a source's millions of records cost one map lookup each.
 */
export class SourceRegistry {
  readonly sources: ImportSource[] = [];
  private readonly byText = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  /** The last name's text and index: records of one source come in runs. */
  private lastText = '';
  private lastIndex = -1;

  /** The index of the source a record names; its kind comes from the first record's `device`. */
  indexOf(rawName: string, rawDevice: string): number {
    if (rawName === this.lastText && this.lastIndex >= 0) return this.lastIndex;
    const index = this.lookUp(rawName, rawDevice);
    this.lastText = rawName;
    this.lastIndex = index;
    return index;
  }

  private lookUp(rawName: string, rawDevice: string): number {
    const known = this.byText.get(rawName);
    if (known !== undefined) return known;
    const name = decodeXmlEntities(rawName).trim() || 'Unknown source';
    const key = sourceKey(name);
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.sources.length;
      const { model, name: deviceName } = readDeviceAttribute(decodeXmlEntities(rawDevice));
      // The model says what the hardware is; the device's own name helps when a watch is
      // called "Running buddy" but the export still says `name:Apple Watch`.
      const kind = guessDeviceKind(name, model ?? deviceName);
      this.sources.push({ key, name, kind });
      this.byKey.set(key, index);
    }
    this.byText.set(rawName, index);
    return index;
  }
}
