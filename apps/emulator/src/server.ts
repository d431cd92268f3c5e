import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiError } from './api-error.js';
import type { Fault } from './faults.js';
import { sendError } from './http-io.js';
import { DEFAULT_PORT, type EmulatorConfig, type EmulatorOptions } from './options.js';
import type { ProfileName, ProfileSetting } from './profiles.js';
import type { RecordedRequest } from './request-log.js';
import { handleApi } from './routes/api.js';
import { checkFaults, handleControl } from './routes/control.js';
import { EmulatorState } from './state.js';

export interface Emulator {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and ends open connections and streams. */
  close(): Promise<void>;
  /** The requests received since the last reset (control requests excluded). */
  requests(): RecordedRequest[];
  /** Queues faults for the next matching requests, each used once. */
  enqueue(...faults: Fault[]): void;
  /** The faults still waiting for a request. */
  pendingFaults(): Fault[];
  /** Changes latency, stream pace or job duration; returns the settings now in force. */
  configure(config: Partial<EmulatorConfig>): EmulatorConfig;
  config(): EmulatorConfig;
  /** The gateway profile in force and its front's timings. */
  profile(): ProfileSetting;
  /** Switches the gateway profile (and/or its front's timings); returns what is now in force. */
  setProfile(change: ProfileName | Partial<ProfileSetting>): ProfileSetting;
  /** Forgets requests, faults and jobs and restores the settings and profile it started with. */
  reset(): void;
}

/** Starts a ModelStream-compatible server on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(options);

  const server = createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://emulator').pathname;
    } catch {
      path = '/';
    }
    res.setHeader('x-request-id', `req_${randomBytes(12).toString('hex')}`);
    const handler = path.startsWith('/_emulator/') ? handleControl : handleApi;
    handler(state, req, res, method, path).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(
        res,
        apiError(500, `The emulator failed: ${(error as Error).message}`, 'server_error', 'emulator_error'),
      );
    });
  });
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // An explicit backlog: load tests open hundreds of connections at once (Node's default is 511).
    server.listen(
      { port: options.port ?? DEFAULT_PORT, host: options.host ?? '127.0.0.1', backlog: 4096 },
      () => {
        server.off('error', reject);
        resolve();
      },
    );
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        state.closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    requests: () => state.requestLog.list(),
    enqueue: (...list: Fault[]) => {
      checkFaults(list);
      state.faults.enqueue(...list);
    },
    pendingFaults: () => state.faults.pending(),
    configure: (change) => state.configure(change),
    config: () => state.config,
    profile: () => state.profileSetting,
    setProfile: (change) => state.setProfile(change),
    reset: () => state.reset(),
  };
}
