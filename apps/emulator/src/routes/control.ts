import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError } from '../api-error.js';
import { type Fault, faultProblem } from '../faults.js';
import { readBody, sendError, sendJson } from '../http-io.js';
import type { EmulatorConfig } from '../options.js';
import { PROFILES, type ProfileSetting } from '../profiles.js';
import type { EmulatorState } from '../state.js';

const MB = 1024 * 1024;

/** Throws a TypeError naming the first bad fault. */
export function checkFaults(faults: unknown[]): void {
  for (const [i, fault] of faults.entries()) {
    const problem = faultProblem(fault, i);
    if (problem) throw new TypeError(problem);
  }
}

/** The profile in force, with what it does, as `GET /_emulator/profile` answers it. */
export function describeProfile(state: EmulatorState) {
  const setting = state.profileSetting;
  return { ...setting, behaviour: PROFILES[setting.profile] };
}

type ControlHandler = (state: EmulatorState, body: unknown) => unknown;

/** Each answers the body to send; a TypeError thrown is a 400 with its message. */
const ROUTES: Readonly<Record<string, ControlHandler>> = {
  'GET /_emulator/requests': (state) => state.requestLog.list(),
  'DELETE /_emulator/requests': (state) => {
    state.requestLog.clear();
    return { cleared: true };
  },
  'GET /_emulator/faults': (state) => ({ faults: state.faults.pending() }),
  'DELETE /_emulator/faults': (state) => {
    state.faults.clear();
    return { faults: [] };
  },
  'POST /_emulator/faults': (state, body) => {
    const list = Array.isArray(body) ? body : (body as { faults?: unknown })?.faults;
    if (!Array.isArray(list)) throw new TypeError('faults: send { "faults": [ { "kind": ... } ] }');
    checkFaults(list);
    state.faults.enqueue(...(list as Fault[]));
    return { faults: state.faults.pending() };
  },
  'GET /_emulator/config': (state) => state.config,
  'POST /_emulator/config': (state, body) => state.configure(body as Partial<EmulatorConfig>),
  'GET /_emulator/profile': (state) => describeProfile(state),
  'POST /_emulator/profile': (state, body) => {
    state.setProfile(body as Partial<ProfileSetting>);
    return describeProfile(state);
  },
  'POST /_emulator/reset': (state) => {
    state.reset();
    return { reset: true, config: state.config, profile: state.profileSetting };
  },
};

/** `/_emulator/...`: for tests and benchmarks; never logged, never faulted, no key needed. */
export async function handleControl(
  state: EmulatorState,
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
  const handler = ROUTES[route];
  if (!handler) {
    return sendError(
      res,
      apiError(404, `No control route ${method} ${path}.`, 'invalid_request_error', 'unknown_url'),
    );
  }
  let answer: unknown;
  try {
    answer = handler(state, body);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return sendError(res, apiError(400, error.message, 'invalid_request_error', 'invalid_value'));
  }
  sendJson(res, 200, answer);
}
