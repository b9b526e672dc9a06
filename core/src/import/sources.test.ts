import { describe, expect, it } from 'vitest';
import { guessDeviceKind, sourceKey } from './sources.js';

describe('sourceKey', () => {
  it('folds apostrophe variants, spacing and case to one device', () => {
    expect(sourceKey('Anna’s Apple Watch')).toBe(sourceKey("Anna's  Apple Watch "));
    expect(sourceKey('Anna‘s apple watch')).toBe("anna's apple watch");
  });

  it('keeps different names apart', () => {
    expect(sourceKey('Anna’s iPhone')).not.toBe(sourceKey('Ben’s iPhone'));
  });
});

describe('guessDeviceKind', () => {
  it('reads the hardware model first', () => {
    expect(guessDeviceKind('Anna’s phone', 'iPhone')).toBe('iphone');
    expect(guessDeviceKind('Running buddy', 'Watch')).toBe('apple_watch');
  });

  it('falls back to the name', () => {
    expect(guessDeviceKind('Anna’s Apple Watch')).toBe('apple_watch');
    expect(guessDeviceKind('iPad de Anna')).toBe('ipad');
    expect(guessDeviceKind('Withings')).toBe('third_party_scale');
    expect(guessDeviceKind('Oura')).toBe('third_party_wearable');
  });
});
