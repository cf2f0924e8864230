import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A protocol-level obs-websocket 5 server for contract tests: Hello with the SHA-256
 * challenge, Identify (closing with 4009 on a wrong password), Request/RequestResponse,
 * RequestBatch/RequestBatchResponse and events filtered by the client's subscriptions.
 * It keeps a small OBS model (scenes, items, groups, inputs, studio mode, outputs) so the
 * studio's requests have real effects that later requests can observe.
 */
export interface FakeItem {
  sceneItemId: number;
  sourceName: string;
  enabled: boolean;
  isGroup: boolean;
  inputKind: string | null;
}

export interface FakeInput {
  kind: string;
  settings: Record<string, unknown>;
  muted: boolean;
}

type Handler = (data: Record<string, unknown>) => Record<string, unknown> | void;

class RequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const EVENT_INTENT: Record<string, number> = {
  CurrentProgramSceneChanged: 4,
  CurrentPreviewSceneChanged: 4,
  SceneListChanged: 4,
  SceneCreated: 4,
  SceneNameChanged: 4,
  StudioModeStateChanged: 1,
  SceneItemEnableStateChanged: 128,
  SceneItemCreated: 128,
  InputCreated: 8,
  InputMuteStateChanged: 8,
  RecordStateChanged: 64,
  StreamStateChanged: 64,
};

export class FakeObsServer {
  private wss!: WebSocketServer;
  private readonly clients = new Map<WebSocket, { identified: boolean; subs: number; challenge: string }>();
  private readonly salt = crypto.randomBytes(16).toString('base64');
  private nextItemId = 1;
  /** Counters the tests assert on. */
  readonly counts = { connections: 0, identifyAttempts: 0, authFailures: 0 };
  readonly requests: string[] = [];
  /** The eventSubscriptions bitmask of the latest Identify. */
  lastSubscriptions: number | undefined;
  readonly batches: Array<{ executionType: number; requestTypes: string[] }> = [];
  /** When true, requests get no answer (a half-open or frozen OBS). */
  silent = false;
  /** When true, Identify is refused with UnsupportedRpcVersion (4010), as a newer server would. */
  refuseRpc = false;
  inputKinds = ['image_source', 'color_source_v3', 'ffmpeg_source', 'text_ft2_source_v2', 'browser_source'];
  scenes = new Map<string, FakeItem[]>();
  inputs = new Map<string, FakeInput>();
  program = '';
  preview = '';
  studioMode = false;
  record = { active: false, paused: false };
  stream = { active: false };
  /** The canvas: base and output resolution (SetVideoSettings changes it, as OBS does). */
  video = { baseWidth: 1920, baseHeight: 1080, outputWidth: 1920, outputHeight: 1080 };
  private readonly handlers: Record<string, Handler>;

  constructor(readonly password: string) {
    this.addScene('Scene');
    this.program = 'Scene';
    this.preview = 'Scene';
    this.handlers = this.makeHandlers();
  }

  private listenPort = 0;

  get port(): number {
    return this.listenPort;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    this.wss = new WebSocketServer({
      host: '127.0.0.1',
      port,
      handleProtocols: (protocols) => (protocols.has('obswebsocket.json') ? 'obswebsocket.json' : false),
    });
    await new Promise<void>((resolve) => this.wss.once('listening', () => resolve()));
    this.listenPort = (this.wss.address() as AddressInfo).port;
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  /** Drops every client at once (like OBS being killed) and stops listening. */
  async stop(): Promise<void> {
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Clients that are connected and identified right now. */
  get identifiedClients(): number {
    return [...this.clients.values()].filter((c) => c.identified).length;
  }

  addScene(name: string, items: Array<Partial<FakeItem> & { sourceName: string }> = []): void {
    this.scenes.set(
      name,
      items.map((i) => ({
        sceneItemId: this.nextItemId++,
        enabled: true,
        isGroup: false,
        inputKind: 'color_source_v3',
        ...i,
      })),
    );
  }

  /** Renames a scene as a user would in OBS 29: only SceneNameChanged is announced. */
  renameScene(oldSceneName: string, sceneName: string): void {
    const items = this.scenes.get(oldSceneName);
    if (!items) throw new Error(`no scene ${oldSceneName}`);
    this.scenes = new Map([...this.scenes].map(([n, v]) => [n === oldSceneName ? sceneName : n, v]));
    if (this.program === oldSceneName) this.program = sceneName;
    this.emit('SceneNameChanged', { oldSceneName, sceneName });
  }

  item(sceneName: string, sourceName: string): FakeItem | undefined {
    return this.scenes.get(sceneName)?.find((i) => i.sourceName === sourceName);
  }

  private accept(ws: WebSocket): void {
    this.counts.connections++;
    const challenge = crypto.randomBytes(16).toString('base64');
    this.clients.set(ws, { identified: false, subs: 0, challenge });
    ws.on('close', () => this.clients.delete(ws));
    ws.on('message', (raw) =>
      this.onMessage(ws, JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> }),
    );
    this.send(ws, 0, {
      obsWebSocketVersion: '5.1.0',
      rpcVersion: 1,
      authentication: { challenge, salt: this.salt },
    });
  }

  private onMessage(ws: WebSocket, msg: { op: number; d: Record<string, unknown> }): void {
    const client = this.clients.get(ws);
    if (!client) return;
    if (msg.op === 1) {
      this.counts.identifyAttempts++;
      if (this.refuseRpc) return void ws.close(4010, 'Unsupported rpc version');
      if (msg.d.authentication !== this.expectedAuth(client.challenge)) {
        this.counts.authFailures++;
        ws.close(4009, 'Authentication failed.');
        return;
      }
      client.identified = true;
      client.subs = typeof msg.d.eventSubscriptions === 'number' ? msg.d.eventSubscriptions : 0x7ff;
      this.lastSubscriptions = client.subs;
      this.send(ws, 2, { negotiatedRpcVersion: 1 });
      return;
    }
    if (!client.identified) return void ws.close(4007, 'Not identified');
    if (this.silent) return;
    if (msg.op === 6) {
      const d = msg.d as { requestType: string; requestId: string; requestData?: Record<string, unknown> };
      this.send(ws, 7, {
        requestType: d.requestType,
        requestId: d.requestId,
        ...this.run(d.requestType, d.requestData),
      });
    } else if (msg.op === 8) {
      const d = msg.d as {
        requestId: string;
        haltOnFailure?: boolean;
        executionType?: number;
        requests: Array<{ requestType: string; requestData?: Record<string, unknown> }>;
      };
      this.batches.push({
        executionType: d.executionType ?? 0,
        requestTypes: d.requests.map((r) => r.requestType),
      });
      const results = [];
      for (const r of d.requests) {
        const res = this.run(r.requestType, r.requestData);
        results.push({ requestType: r.requestType, ...res });
        if (d.haltOnFailure && !res.requestStatus.result) break;
      }
      this.send(ws, 9, { requestId: d.requestId, results });
    }
  }

  private run(type: string, data: Record<string, unknown> = {}) {
    this.requests.push(type);
    const handler = this.handlers[type];
    if (!handler) return { requestStatus: { result: false, code: 204, comment: `Unknown request ${type}` } };
    try {
      const responseData = handler(data) ?? undefined;
      return { requestStatus: { result: true, code: 100 }, responseData };
    } catch (err) {
      if (err instanceof RequestError)
        return { requestStatus: { result: false, code: err.code, comment: err.message } };
      throw err;
    }
  }

  private expectedAuth(challenge: string): string {
    const sha = (s: string) => crypto.createHash('sha256').update(s).digest('base64');
    return sha(sha(this.password + this.salt) + challenge);
  }

  private send(ws: WebSocket, op: number, d: unknown): void {
    ws.send(JSON.stringify({ op, d }));
  }

  emit(eventType: string, eventData: Record<string, unknown>): void {
    const intent = EVENT_INTENT[eventType] ?? 1;
    for (const [ws, c] of this.clients)
      if (c.identified && (c.subs & intent) !== 0)
        this.send(ws, 5, { eventType, eventIntent: intent, eventData });
  }

  private scene(name: unknown): FakeItem[] {
    const s = this.scenes.get(String(name));
    if (!s) throw new RequestError(600, `No source was found by the name of \`${String(name)}\`.`);
    return s;
  }

  private makeHandlers(): Record<string, Handler> {
    const itemView = (i: FakeItem, index: number) => ({
      ...i,
      sceneItemEnabled: i.enabled,
      sceneItemIndex: index,
    });
    return {
      GetVersion: () => ({
        obsVersion: '29.0.2',
        obsWebSocketVersion: '5.1.0',
        rpcVersion: 1,
        availableRequests: Object.keys(this.handlers),
        supportedImageFormats: ['png', 'jpg'],
        platform: 'fake',
        platformDescription: 'fake',
      }),
      GetStats: () => ({
        cpuUsage: 3,
        memoryUsage: 200,
        availableDiskSpace: 100_000,
        activeFps: 30,
        averageFrameRenderTime: 1,
        renderSkippedFrames: 0,
        renderTotalFrames: 100,
        outputSkippedFrames: 0,
        outputTotalFrames: 100,
      }),
      GetVideoSettings: () => ({ fpsNumerator: 30, fpsDenominator: 1, ...this.video }),
      SetVideoSettings: (d) => {
        // OBS refuses while video is in use by an output (obs_video_active).
        if (this.stream.active || this.record.active)
          throw new RequestError(500, 'Video settings cannot be changed while an output is active.');
        const size = (k: keyof FakeObsServer['video']) =>
          typeof d[k] === 'number' ? (d[k] as number) : this.video[k];
        this.video = {
          baseWidth: size('baseWidth'),
          baseHeight: size('baseHeight'),
          outputWidth: size('outputWidth'),
          outputHeight: size('outputHeight'),
        };
      },
      GetSceneList: () => ({
        currentProgramSceneName: this.program,
        currentPreviewSceneName: this.studioMode ? this.preview : null,
        scenes: [...this.scenes.keys()].map((sceneName, i, all) => ({
          sceneName,
          sceneIndex: all.length - 1 - i,
        })),
      }),
      GetStudioModeEnabled: () => ({ studioModeEnabled: this.studioMode }),
      SetStudioModeEnabled: (d) => {
        this.studioMode = d.studioModeEnabled === true;
        this.emit('StudioModeStateChanged', { studioModeEnabled: this.studioMode });
      },
      GetCurrentPreviewScene: () => {
        if (!this.studioMode) throw new RequestError(506, 'Studio mode is not active.');
        return { currentPreviewSceneName: this.preview };
      },
      GetSceneTransitionList: () => ({
        currentSceneTransitionName: 'Fade',
        currentSceneTransitionKind: 'fade_transition',
        transitions: [
          { transitionName: 'Cut', transitionKind: 'cut_transition' },
          { transitionName: 'Fade', transitionKind: 'fade_transition' },
        ],
      }),
      GetCurrentSceneTransition: () => ({
        transitionName: 'Fade',
        transitionKind: 'fade_transition',
        transitionDuration: 300,
      }),
      SetCurrentSceneTransition: () => undefined,
      GetStreamStatus: () => ({
        outputActive: this.stream.active,
        outputReconnecting: false,
        outputCongestion: 0,
      }),
      GetRecordStatus: () => ({ outputActive: this.record.active, outputPaused: this.record.paused }),
      SetCurrentProgramScene: (d) => {
        this.scene(d.sceneName);
        this.program = String(d.sceneName);
        this.emit('CurrentProgramSceneChanged', { sceneName: this.program });
      },
      SetCurrentPreviewScene: (d) => {
        if (!this.studioMode) throw new RequestError(506, 'Studio mode is not active.');
        this.scene(d.sceneName);
        this.preview = String(d.sceneName);
      },
      TriggerStudioModeTransition: () => {
        if (!this.studioMode) throw new RequestError(506, 'Studio mode is not active.');
        this.program = this.preview;
        this.emit('CurrentProgramSceneChanged', { sceneName: this.program });
      },
      GetSceneItemList: (d) => ({ sceneItems: this.scene(d.sceneName).map(itemView) }),
      GetGroupSceneItemList: (d) => ({ sceneItems: this.scene(d.sceneName).map(itemView) }),
      SetSceneItemEnabled: (d) => {
        const item = this.scene(d.sceneName).find((i) => i.sceneItemId === d.sceneItemId);
        if (!item) throw new RequestError(600, 'No scene items were found');
        item.enabled = d.sceneItemEnabled === true;
      },
      GetInputKindList: () => ({ inputKinds: this.inputKinds }),
      GetInputList: () => ({
        inputs: [...this.inputs].map(([inputName, i]) => ({
          inputName,
          inputKind: i.kind,
          unversionedInputKind: i.kind,
        })),
      }),
      GetInputMute: (d) => ({ inputMuted: this.input(d.inputName).muted }),
      SetInputMute: (d) => {
        this.input(d.inputName).muted = d.inputMuted === true;
        this.emit('InputMuteStateChanged', { inputName: d.inputName, inputMuted: d.inputMuted });
      },
      CreateScene: (d) => {
        if (this.scenes.has(String(d.sceneName))) throw new RequestError(601, 'already exists');
        this.addScene(String(d.sceneName));
        this.emit('SceneCreated', { sceneName: d.sceneName, isGroup: false });
      },
      CreateInput: (d) => {
        const name = String(d.inputName);
        if (this.inputs.has(name) || this.scenes.has(name)) throw new RequestError(601, 'already exists');
        if (!this.inputKinds.includes(String(d.inputKind))) throw new RequestError(605, 'invalid input kind');
        this.inputs.set(name, {
          kind: String(d.inputKind),
          settings: { ...(d.inputSettings as object) },
          muted: false,
        });
        const item: FakeItem = {
          sceneItemId: this.nextItemId++,
          sourceName: name,
          enabled: true,
          isGroup: false,
          inputKind: String(d.inputKind),
        };
        this.scene(d.sceneName).push(item);
        return { sceneItemId: item.sceneItemId };
      },
      CreateSceneItem: (d) => {
        const name = String(d.sourceName);
        const kind = this.inputs.get(name)?.kind ?? (this.scenes.has(name) ? null : undefined);
        if (kind === undefined) throw new RequestError(600, 'no such source');
        const item: FakeItem = {
          sceneItemId: this.nextItemId++,
          sourceName: name,
          enabled: true,
          isGroup: false,
          inputKind: kind,
        };
        this.scene(d.sceneName).push(item);
        return { sceneItemId: item.sceneItemId };
      },
      GetInputSettings: (d) => ({
        inputSettings: this.input(d.inputName).settings,
        inputKind: this.input(d.inputName).kind,
      }),
      SetInputSettings: (d) => {
        const input = this.input(d.inputName);
        input.settings =
          d.overlay === false
            ? { ...(d.inputSettings as object) }
            : { ...input.settings, ...(d.inputSettings as object) };
      },
      PressInputPropertiesButton: (d) => {
        this.input(d.inputName);
        if (d.propertyName !== 'refreshnocache') throw new RequestError(600, 'no such button');
      },
      StartStream: () => {
        if (this.stream.active) throw new RequestError(500, 'already streaming');
        this.stream = { active: true };
        this.emit('StreamStateChanged', { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
      },
      StopStream: () => {
        if (!this.stream.active) throw new RequestError(501, 'not streaming');
        this.stream = { active: false };
        this.emit('StreamStateChanged', { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' });
      },
      GetSourceScreenshot: (d) => {
        if (!this.scenes.has(String(d.sourceName))) this.input(d.sourceName);
        // A 1×1 JPEG is enough for the camera strip's contract.
        return {
          imageData:
            'data:image/jpg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
        };
      },
      StartRecord: () => {
        if (this.record.active) throw new RequestError(500, 'already recording');
        this.record = { active: true, paused: false };
        this.emit('RecordStateChanged', {
          outputActive: true,
          outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED',
          outputPath: null,
        });
      },
      PauseRecord: () => {
        if (!this.record.active || this.record.paused) throw new RequestError(503, 'not recording or paused');
        this.record.paused = true;
        this.emit('RecordStateChanged', {
          outputActive: true,
          outputState: 'OBS_WEBSOCKET_OUTPUT_PAUSED',
          outputPath: null,
        });
      },
      ResumeRecord: () => {
        if (!this.record.paused) throw new RequestError(502, 'not paused');
        this.record.paused = false;
        this.emit('RecordStateChanged', {
          outputActive: true,
          outputState: 'OBS_WEBSOCKET_OUTPUT_RESUMED',
          outputPath: null,
        });
      },
      StopRecord: () => {
        if (!this.record.active) throw new RequestError(501, 'not recording');
        this.record = { active: false, paused: false };
        return { outputPath: '/tmp/fake.mkv' };
      },
    };
  }

  private input(name: unknown): FakeInput {
    const i = this.inputs.get(String(name));
    if (!i) throw new RequestError(600, `No source was found by the name of \`${String(name)}\`.`);
    return i;
  }
}
