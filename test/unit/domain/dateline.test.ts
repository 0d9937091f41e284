import { describe, expect, it } from 'vitest';
import { extractDateline, placeOfDateline } from '../../../src/domain/dateline.ts';

describe('datelines', () => {
  it('reads "City, Mon D" opening agency copy', () => {
    expect(extractDateline('Pune, Nov 27 The municipal corporation said ...')).toEqual({ text: 'Pune, Nov 27', place: 'Pune' });
    expect(extractDateline('New Delhi, November 3 Officials said ...')).toEqual({ text: 'New Delhi, November 3', place: 'New Delhi' });
    expect(extractDateline('Seoul, Aug. 5 Talks began ...')?.place).toBe('Seoul');
  });

  it('reads Devanagari datelines with the day before the month', () => {
    expect(extractDateline('पुणे, 27 नवंबर नगर निगम ने ...')).toEqual({ text: 'पुणे, 27 नवंबर', place: 'पुणे' });
    expect(extractDateline('नाशिक, 28 नोव्हेंबर महापालिकेने ...')?.place).toBe('नाशिक');
  });

  it('finds none in copy that does not open with one', () => {
    expect(extractDateline('The municipal corporation said on Thursday ...')).toBeNull();
    expect(extractDateline('Officials met in Pune, Nov 27 to review the work')).toBeNull();
    expect(extractDateline('Rio de Janeiro, Nov 4 Talks ...')?.place).toBe('Rio de Janeiro');
  });

  it('takes the place from an agency dateline field, and tames shouting', () => {
    expect(placeOfDateline('PUNE, Nov 27 (KPA) -')).toBe('Pune');
    expect(placeOfDateline('NEW DELHI, Nov 27')).toBe('New Delhi');
    expect(placeOfDateline('Mumbai')).toBe('Mumbai');
  });
});
