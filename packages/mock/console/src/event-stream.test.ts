// The console's reader of Server-Sent Events: whole messages out, partial ones kept.
import { describe, expect, it } from 'vitest';
import { parseMessages } from './event-stream.js';

describe('parseMessages', () => {
  it('reads id, event and data, and skips comments and heartbeats', () => {
    const { messages, rest } = parseMessages(
      'retry: 2000\n: connected\n\nid: evt_1\nevent: account.created\ndata: {"a":1}\n\n: heartbeat\n\n',
    );
    expect(messages).toEqual([{ id: 'evt_1', event: 'account.created', data: '{"a":1}' }]);
    expect(rest).toBe('');
  });

  it('keeps a message cut in two until its end arrives', () => {
    const first = parseMessages('id: evt_1\nevent: case.created\ndata: {"a"');
    expect(first.messages).toEqual([]);
    const second = parseMessages(`${first.rest}:2}\n\nid: evt_2`);
    expect(second.messages).toEqual([{ id: 'evt_1', event: 'case.created', data: '{"a":2}' }]);
    expect(second.rest).toBe('id: evt_2');
  });

  it('joins data lines, and takes CRLF line ends', () => {
    const { messages } = parseMessages('data: one\r\ndata:two\r\n\r\n');
    expect(messages).toEqual([{ data: 'one\ntwo' }]);
  });
});
