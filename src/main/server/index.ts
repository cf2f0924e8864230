import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../core/data-dir';
import { formatLogLine } from '../core/logging/log-hub';
import { keepRunningOnUncaught } from '../core/net/guarded';
import { startFailureMessage } from '../core/start-failure';
import { Studio } from '../core/studio';
import { environmentOptions } from '../core/studio-options';
import { parseServerArgs, usage } from './cli-args';
import { OperatorServer } from './operator-server';

/** Headless console: the studio core under plain Node, serving the operator UI and API. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseServerArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  let studio: Studio;
  let server: OperatorServer;
  try {
    // The environment is read here, once; flags win over it (demo).
    const env = environmentOptions(process.env, args.event);
    studio = new Studio({
      ...env,
      demo: args.demo ?? env.demo,
      dataDir: args.dataDir ?? defaultDataDir(process.env),
      mode: 'headless',
      log: { sink: (line) => console.error(formatLogLine(line)), echoLevel: 'info' },
    });
    server = new OperatorServer(studio, {
      staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.lanAccess !== undefined ? { lanAccess: args.lanAccess } : {}),
    });
    studio.addService(server);
    // A live show cannot stop: a stray error is logged with its stack and the studio keeps running.
    keepRunningOnUncaught(process, studio.logs.logger('process'));
  } catch (err) {
    console.error(startFailureMessage(err));
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    studio.log.info(`received ${signal}; stopping`);
    studio.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await studio.start();
  } catch (err) {
    console.error(startFailureMessage(err));
    process.exit(1);
  }
  if (args.demo) await studio.loadDemoIfEmpty();
  const access = server.access();
  console.log(`ShelfCast operator UI: ${server.localUrl}`);
  for (const url of access.urls.slice(1)) console.log(`  on the studio LAN: ${url}`);
}

void main();
