import { parentPort } from 'node:worker_threads';
import { createParseSession, type SessionRequest } from './parse-session';

type Envelope = { sid: number; m: SessionRequest };

/** Entry of the import worker thread: parse sessions by id, each handling its messages in order. */
if (parentPort) {
  const port = parentPort;
  const sessions = new Map<number, { handle: (m: SessionRequest) => Promise<void>; queue: Promise<void> }>();
  port.on('message', ({ sid, m }: Envelope) => {
    if (m.t === 'close') {
      const open = sessions.get(sid);
      if (open) void open.queue.then(() => open.handle(m));
      sessions.delete(sid);
      return;
    }
    let s = sessions.get(sid);
    if (!s) {
      s = {
        handle: createParseSession((reply) => port.postMessage({ sid, m: reply })),
        queue: Promise.resolve(),
      };
      sessions.set(sid, s);
    }
    const session = s;
    // One message at a time, in order: a `take` must not overtake the `parse` before it.
    session.queue = session.queue.then(() => session.handle(m));
  });
}
