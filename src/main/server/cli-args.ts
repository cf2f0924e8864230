export interface ServerArgs {
  port?: number;
  dataDir?: string;
  lanAccess?: boolean;
  /** Load the demo workspace when the shelf is empty (`--demo` or SHELFCAST_DEMO=1). */
  demo?: boolean;
  /** `--event-…` flags (event mode), handed on to the studio's options as given. */
  event: string[];
  help: boolean;
}

export const usage = `Usage: shelfcast-console [--port N] [--data-dir DIR] [--lan | --no-lan] [--demo]

  --port N        port of the operator server (0 = any free port); default: Settings, else 4790
  --data-dir DIR  data directory; default: $SHELFCAST_DATA_DIR or the per-user app folder
  --lan           listen on all interfaces for this run (tablets on the studio LAN)
  --no-lan        listen on 127.0.0.1 only for this run
  --demo          on an empty shelf, load the demo workspace (also SHELFCAST_DEMO=1)
  --event-server  event director: start a local nats-server with JetStream (--event-id=, --event-booths=a,b,
                  --event-booth=, --event-port=, --event-host=); or --event-url=nats://… for an existing one
  --event-join=L  join an event as a booth with the link or token L from the director's Event page`;

/** Parses command-line flags, then SHELFCAST_PORT; flags win. Throws with a clear message on bad input. */
export function parseServerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerArgs {
  const args: ServerArgs = { help: false, event: [] };
  if (env.SHELFCAST_PORT) args.port = parsePort(env.SHELFCAST_PORT, 'SHELFCAST_PORT');
  if (env.SHELFCAST_DEMO === '1') args.demo = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') args.port = parsePort(value(), '--port');
    else if (a.startsWith('--port=')) args.port = parsePort(a.slice(7), '--port');
    else if (a === '--data-dir') args.dataDir = value();
    else if (a.startsWith('--data-dir=')) args.dataDir = a.slice(11);
    else if (a === '--lan') args.lanAccess = true;
    else if (a === '--no-lan') args.lanAccess = false;
    else if (a === '--demo') args.demo = true;
    else if (a === '--event-server' || /^--event-[a-z]+=/.test(a)) args.event.push(a);
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`Unknown option ${a}`);
  }
  return args;
}

function parsePort(text: string, where: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${where}: "${text}" is not a port number (0-65535)`);
  return n;
}
