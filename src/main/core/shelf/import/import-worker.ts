import v8 from 'node:v8';
import vm from 'node:vm';
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
    session.queue = session.queue.then(() => session.handle(m)).then(keepHeapSmall);
  });
}

/**
 * The garbage a pass leaves (each row's strings and objects) may pile up to this much above what
 * the worker keeps before it is collected.
 */
const GARBAGE_MB = 24;
let collect: (() => void) | undefined;
let kept = 0;
/**
 * Collects when the heap has grown by GARBAGE_MB since the last collection. Left to itself, V8
 * lets a thread that allocates fast grow its heap to several times what it keeps (this worker's
 * heap reached 186 MB reading a 25 MB file) and does not give the memory back while the thread
 * lives; a full collection of this thread's heap stops only this thread, never the studio's.
 */
function keepHeapSmall(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used < kept + GARBAGE_MB * 2 ** 20) return;
  try {
    if (!collect) {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    }
    collect();
  } catch {
    collect = () => {}; // no collector to call: V8 collects by itself
  }
  kept = v8.getHeapStatistics().used_heap_size;
}
