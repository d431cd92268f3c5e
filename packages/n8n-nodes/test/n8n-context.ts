import axios, { type AxiosRequestConfig } from 'axios';
import {
  type IDataObject,
  type IExecuteFunctions,
  type IHttpRequestOptions,
  type INode,
  type INodeExecutionData,
  NodeApiError,
} from 'n8n-workflow';
import { ModelStreamApi } from '../credentials/ModelStreamApi.credentials';

export const TEST_KEY = 'sk-test-not-a-real-key';

export interface ContextOptions {
  items: INodeExecutionData[];
  /** Node parameters; `options` is the Options collection. */
  parameters: IDataObject;
  /** Per-item overrides, as an expression would give them. */
  perItem?: (itemIndex: number) => IDataObject;
  credentials: { apiKey: string; baseUrl: string };
  continueOnFail?: boolean;
  /** The node's "On Error" setting; n8n's continueOnFail() is true for both "continue" ones. */
  onError?: INode['onError'];
  signal?: AbortSignal;
  /** The node's static data, kept across runs as n8n keeps it for production executions. */
  staticData?: IDataObject;
  /** The execution mode: 'manual' for a test run from the editor, 'trigger' and others in production. */
  mode?: string;
}

export interface TestContext {
  ctx: IExecuteFunctions;
  /** Every request the node sent through n8n's helper, as n8n would send it. */
  sent: IHttpRequestOptions[];
  /** What the node logged at info and warn level. */
  logged: string[];
  staticData: IDataObject;
  /** The most requests that were in flight at once. */
  maxInFlight: () => number;
}

const baseNode: INode = {
  id: 'test-node',
  name: 'ModelStream',
  type: 'n8n-nodes-modelstream.modelStream',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

function valueAt(source: IDataObject, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as IDataObject)[key];
  }
  return current;
}

/** `={{$credentials.apiKey}}`-style templates of the credential's `authenticate`, resolved. */
function resolveTemplate(template: string, credentials: IDataObject): string {
  const body = template.startsWith('=') ? template.slice(1) : template;
  return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
    String(credentials[key] ?? ''),
  );
}

/**
 * A minimal IExecuteFunctions whose `httpRequestWithAuthentication` does what n8n 2.x does: takes the
 * execution's cancel signal when `this` has one, applies the credential's `authenticate`, sends with
 * axios (n8n's client) mapped the way n8n maps its options, and wraps failures in NodeApiError.
 */
export function createContext(options: ContextOptions): TestContext {
  const sent: IHttpRequestOptions[] = [];
  const logged: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const credentialType = new ModelStreamApi();

  async function httpRequestWithAuthentication(
    this: IExecuteFunctions,
    credentialsType: string,
    requestOptions: IHttpRequestOptions,
  ) {
    if ('getExecutionCancelSignal' in this) requestOptions.abortSignal = this.getExecutionCancelSignal();
    const credentials = (await this.getCredentials(credentialsType)) as IDataObject;
    const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
    for (const [name, value] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
      headers[name] = resolveTemplate(String(value), credentials);
    }
    sent.push({ ...requestOptions, headers });
    const config: AxiosRequestConfig = {
      method: requestOptions.method,
      url: requestOptions.url,
      headers: headers as Record<string, string>,
      timeout: requestOptions.timeout,
      maxBodyLength: Number.POSITIVE_INFINITY,
      maxContentLength: Number.POSITIVE_INFINITY,
    };
    if (requestOptions.body !== undefined) config.data = requestOptions.body;
    if (requestOptions.abortSignal) config.signal = requestOptions.abortSignal as AbortSignal;
    if (requestOptions.encoding)
      config.responseType = requestOptions.encoding as AxiosRequestConfig['responseType'];
    if (requestOptions.ignoreHttpStatusErrors) config.validateStatus = () => true;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const result = await axios.request(config);
      if (!requestOptions.returnFullResponse) return result.data;
      return {
        body: result.data,
        headers: result.headers,
        statusCode: result.status,
        statusMessage: result.statusText,
      };
    } catch (error) {
      throw new NodeApiError(this.getNode(), error as Error as unknown as IDataObject as never);
    } finally {
      inFlight--;
    }
  }

  const parameterFor = (name: string, itemIndex: number) => {
    const overrides = options.perItem?.(itemIndex) ?? {};
    const fromItem = valueAt(overrides, name);
    return fromItem !== undefined ? fromItem : valueAt(options.parameters, name);
  };

  const staticData = options.staticData ?? {};
  const node: INode = options.onError ? { ...baseNode, onError: options.onError } : baseNode;
  const continueOnFail = () =>
    options.onError
      ? options.onError === 'continueRegularOutput' || options.onError === 'continueErrorOutput'
      : (options.continueOnFail ?? false);
  const ctx = {
    getInputData: () => options.items,
    getNode: () => node,
    getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
      const value = parameterFor(name, itemIndex);
      return value === undefined ? fallback : value;
    },
    getCredentials: async () => ({ ...options.credentials }),
    continueOnFail,
    getExecutionCancelSignal: () => options.signal,
    getWorkflowStaticData: () => staticData,
    getMode: () => options.mode ?? 'trigger',
    logger: {
      debug: () => {},
      info: (message: string) => logged.push(message),
      warn: (message: string) => logged.push(message),
      error: () => {},
    },
    helpers: {
      httpRequestWithAuthentication,
      getBinaryDataBuffer: async (itemIndex: number, propertyName: string) => {
        const data = options.items[itemIndex]?.binary?.[propertyName]?.data ?? '';
        return Buffer.from(data, 'base64');
      },
    },
  } as unknown as IExecuteFunctions;
  return { ctx, sent, logged, staticData, maxInFlight: () => maxInFlight };
}

export const itemsOf = (count: number): INodeExecutionData[] =>
  Array.from({ length: count }, (_, i) => ({ json: { index: i } }));
