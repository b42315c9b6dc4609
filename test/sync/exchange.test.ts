import { describe, expect, it } from 'vitest';
import { asError } from '../../sync/exchange.js';

describe('what a failed exchange says', () => {
  it(
    'a stream closing mid-write (libp2p rejects with the close event itself) reads as words, ' + 'not "[object Event]"',
    () => {
      const closed = Object.assign(new Event('close'), { error: new Error('stream reset') });
      expect(asError(closed).message).toBe('the stream closed: stream reset');
      expect(asError(new Event('close')).message).toBe('the stream closed (close) before the exchange finished');
      expect(asError(new Error('timed out')).message).toBe('timed out');
      expect(asError('plain').message).toBe('plain');
    },
  );
});
