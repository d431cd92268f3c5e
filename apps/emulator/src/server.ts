import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { models } from '@modelstream-kit/core';
import { generateAnswer } from './answer.js';
import { apiError, errorForStatus } from './api-error.js';
import { checkAuth } from './auth.js';
import { type ChatRequest, parseChatRequest } from './chat-request.js';
import { type Fault, FaultQueue, faultProblem } from './faults.js';
import { BodyTooLargeError, readBody, sendError, sendJson } from './http-io.js';
import { type JobEnding, JobStore } from './jobs.js';
import {
  configProblem,
  DEFAULT_CONFIG,
  DEFAULT_PORT,
  type EmulatorConfig,
  type EmulatorOptions,
} from './options.js';
import { type RecordedRequest, RequestLog } from './request-log.js';
import { chatCompletion } from './shapes.js';
import { streamAnswer } from './stream-answer.js';

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
  /** Forgets requests, faults and jobs and restores the settings it started with. */
  reset(): void;
}

const MB = 1024 * 1024;

function checkFaults(faults: unknown[]): void {
  for (const [i, fault] of faults.entries()) {
    const problem = faultProblem(fault, i);
    if (problem) throw new TypeError(problem);
  }
}

/** Starts a ModelStream-compatible server on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const initial: EmulatorConfig = {
    latencyMs: options.latencyMs ?? DEFAULT_CONFIG.latencyMs,
    streamDelayMs: options.streamDelayMs ?? DEFAULT_CONFIG.streamDelayMs,
    jobDurationMs: options.jobDurationMs ?? DEFAULT_CONFIG.jobDurationMs,
  };
  const initialProblem = configProblem(initial);
  if (initialProblem) throw new TypeError(initialProblem);
  let config = { ...initial };
  const maxBodyBytes = options.maxBodyBytes ?? 64 * MB;
  const deltaBytes = options.deltaBytes ?? 48;
  const quiet = options.quiet ?? true;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const faults = new FaultQueue();
  const requestLog = new RequestLog();
  const jobs = new JobStore();
  const closing = new AbortController();

  const configure = (change: Partial<EmulatorConfig>): EmulatorConfig => {
    const problem = configProblem(change);
    if (problem) throw new TypeError(problem);
    config = { ...config, ...change };
    return { ...config };
  };
  const reset = () => {
    faults.clear();
    requestLog.clear();
    jobs.clear();
    config = { ...initial };
  };

  const wait = (ms: number) =>
    ms > 0 ? sleep(ms, undefined, { signal: closing.signal }).catch(() => undefined) : Promise.resolve();

  async function handleChat(
    req: IncomingMessage,
    res: ServerResponse,
    request: ChatRequest,
    path: string,
  ): Promise<void> {
    const created = Math.floor(Date.now() / 1000);
    await wait(request.markers.delayMs ?? 0);
    if (request.background) {
      const fault = faults.take('job', req.method ?? 'POST', path);
      const ending: JobEnding =
        fault?.kind === 'job-fails'
          ? { kind: 'fail', message: fault.message ?? 'The background job failed upstream (emulated fault).' }
          : fault?.kind === 'job-cancelled'
            ? { kind: 'cancel' }
            : { kind: 'answer' };
      const job = jobs.create(
        request,
        generateAnswer(request),
        request.markers.jobMs ?? config.jobDurationMs,
        ending,
      );
      sendJson(res, 200, jobs.view(job));
      return;
    }
    const answer = generateAnswer(request);
    const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
    if (!request.stream) {
      sendJson(res, 200, chatCompletion(id, created, request, answer));
      return;
    }
    const fault = faults.take('stream', req.method ?? 'POST', path);
    await streamAnswer(res, {
      id,
      created,
      model: request.model,
      answer,
      delayMs: config.streamDelayMs,
      deltaBytes: Math.max(1, request.markers.deltaBytes ?? deltaBytes),
      ...(fault?.kind === 'truncate-stream' ? { truncateAfter: fault.afterChunks } : {}),
      signal: closing.signal,
    });
  }

  function notFound(res: ServerResponse, method: string, path: string): void {
    sendError(res, apiError(404, `No route for ${method} ${path}.`, 'invalid_request_error', 'unknown_url'));
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
  ): Promise<void> {
    const record = requestLog.add({
      method,
      path,
      receivedAt: Date.now(),
      hasKey: typeof req.headers.authorization === 'string' && req.headers.authorization.trim() !== '',
    });
    const startedAt = performance.now();
    // 'close' also covers a client that left mid-stream; a dropped request never sent headers.
    res.on('close', () => {
      if (res.headersSent) record.status = res.statusCode;
      if (!quiet) {
        const flags = [
          record.model,
          record.stream && 'stream',
          record.background && 'background',
          record.fault,
        ]
          .filter(Boolean)
          .join(' ');
        const status = res.headersSent ? res.statusCode : 'dropped';
        log(`${method} ${path} ${status} ${Math.round(performance.now() - startedAt)}ms ${flags}`.trim());
      }
    });
    const fault = faults.take('request', method, path);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'drop' && fault.when === 'before-body') {
      req.socket.destroy();
      return;
    }
    let text: string;
    try {
      text = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        sendError(res, apiError(413, error.message, 'invalid_request_error', 'request_too_large'));
        return;
      }
      throw error;
    }
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        if (fault?.kind === 'drop') return void req.socket.destroy();
        sendError(
          res,
          apiError(400, 'The request body is not valid JSON.', 'invalid_request_error', 'invalid_json'),
        );
        return;
      }
    }
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      if (typeof b.model === 'string') record.model = b.model;
      if (typeof b.stream === 'boolean') record.stream = b.stream;
      if (typeof b.background === 'boolean') record.background = b.background;
    }
    if (fault?.kind === 'drop') {
      // The body was read (and logged) but no answer comes: the client cannot know whether it ran.
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow-headers') await wait(fault.ms);
    await wait(config.latencyMs);
    if (fault?.kind === 'status') {
      const answer = errorForStatus(fault.status, fault.code, fault.message);
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      sendError(res, { ...answer, headers });
      return;
    }
    if (fault?.kind === 'malformed-json') {
      const broken =
        '{"id":"chatcmpl-emulator","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"This body stops in the middle';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(broken) });
      res.end(broken);
      return;
    }
    const auth = checkAuth(req.headers.authorization);
    if (auth.refusal) {
      sendError(res, auth.refusal);
      return;
    }

    if (path === '/v1/chat/completions') {
      if (method !== 'POST') return notFound(res, method, path);
      const parsed = parseChatRequest(body);
      if (!parsed.ok) return sendError(res, parsed.answer);
      return handleChat(req, res, parsed.request, path);
    }
    if (path === '/v1/models' && method === 'GET') {
      const created = 1_767_225_600; // 2026-01-01, fixed so the listing is deterministic
      return sendJson(res, 200, {
        object: 'list',
        data: Object.values(models).map((m) => ({
          id: m.id,
          object: 'model',
          created,
          owned_by: 'modelstream',
          name: m.label,
          description: m.description,
          context_window: m.contextWindowTokens,
          max_output_tokens: m.maxOutputTokens,
        })),
      });
    }
    const jobRoute = /^\/v1\/responses\/([^/]+)(\/cancel)?$/.exec(path);
    if (jobRoute) {
      const id = decodeURIComponent(jobRoute[1]!);
      const cancel = Boolean(jobRoute[2]);
      if (cancel ? method !== 'POST' : method !== 'GET') return notFound(res, method, path);
      const job = cancel ? jobs.cancel(id) : jobs.get(id);
      if (!job) {
        return sendError(
          res,
          apiError(
            404,
            `No response found with id '${id}'.`,
            'invalid_request_error',
            'not_found',
            'response_id',
          ),
        );
      }
      return sendJson(res, 200, jobs.view(job));
    }
    notFound(res, method, path);
  }

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
  ): Promise<void> {
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req, MB);
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return sendError(
          res,
          apiError(400, 'The body is not valid JSON.', 'invalid_request_error', 'invalid_json'),
        );
      }
    } else {
      req.resume();
    }
    const bad = (message: string) =>
      sendError(res, apiError(400, message, 'invalid_request_error', 'invalid_value'));
    switch (route) {
      case 'GET /_emulator/requests':
        return sendJson(res, 200, requestLog.list());
      case 'DELETE /_emulator/requests':
        requestLog.clear();
        return sendJson(res, 200, { cleared: true });
      case 'GET /_emulator/faults':
        return sendJson(res, 200, { faults: faults.pending() });
      case 'DELETE /_emulator/faults':
        faults.clear();
        return sendJson(res, 200, { faults: [] });
      case 'POST /_emulator/faults': {
        const list = Array.isArray(body) ? body : (body as { faults?: unknown })?.faults;
        if (!Array.isArray(list)) return bad('faults: send { "faults": [ { "kind": ... } ] }');
        try {
          checkFaults(list);
        } catch (error) {
          return bad((error as Error).message);
        }
        faults.enqueue(...(list as Fault[]));
        return sendJson(res, 200, { faults: faults.pending() });
      }
      case 'GET /_emulator/config':
        return sendJson(res, 200, config);
      case 'POST /_emulator/config':
        try {
          return sendJson(res, 200, configure(body as Partial<EmulatorConfig>));
        } catch (error) {
          return bad((error as Error).message);
        }
      case 'POST /_emulator/reset':
        reset();
        return sendJson(res, 200, { reset: true, config });
      default:
        return sendError(
          res,
          apiError(404, `No control route ${method} ${path}.`, 'invalid_request_error', 'unknown_url'),
        );
    }
  }

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
    handler(req, res, method, path).catch((error: unknown) => {
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
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    requests: () => requestLog.list(),
    enqueue: (...list: Fault[]) => {
      checkFaults(list);
      faults.enqueue(...list);
    },
    pendingFaults: () => faults.pending(),
    configure,
    config: () => ({ ...config }),
    reset,
  };
}
