import { createRequire } from 'node:module';
import { join } from 'node:path';
import axios, { type AxiosRequestConfig } from 'axios';

/**
 * A minimal IExecuteFunctions for driving the built n8n node, modelled on the n8n engineer's test helper
 * (packages/n8n-nodes/test/n8n-context.ts, not exported): `httpRequestWithAuthentication` applies the
 * credential's `authenticate` headers and sends with axios, n8n's HTTP client, wrapping failures in
 * NodeApiError the way n8n does. n8n-workflow is the node's own copy, loaded from its package.
 */
export interface N8nRun {
  items: number;
  parameters: Record<string, unknown>;
  perItem?: (index: number) => Record<string, unknown>;
  credentials: { apiKey: string; baseUrl: string };
}

type Json = Record<string, unknown>;

export interface N8nPackage {
  execute(context: unknown): Promise<{ json: Json }[][]>;
}

/** Loads the built node, its credential and n8n-workflow from packages/n8n-nodes. */
export function loadN8nNode(packageDir: string): N8nPackage & { makeContext(run: N8nRun): unknown } {
  const require = createRequire(join(packageDir, 'package.json'));
  const { ModelStream } = require('./dist/nodes/ModelStream/ModelStream.node.js');
  const { ModelStreamApi } = require('./dist/credentials/ModelStreamApi.credentials.js');
  const { NodeApiError } = require('n8n-workflow');
  const credentialType = new ModelStreamApi();
  const node = new ModelStream();
  const nodeInfo = {
    id: 'bench-node',
    name: 'ModelStream',
    type: 'n8n-nodes-modelstream.modelStream',
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  };

  // n8n keeps a node's static data across the executions of a workflow: one object per loaded node here.
  const staticData: Record<string, Json> = {};
  const makeContext = (run: N8nRun) => {
    const items = Array.from({ length: run.items }, (_, i) => ({ json: { index: i } }));
    async function httpRequestWithAuthentication(this: Json, _type: string, options: Json) {
      const headers: Json = { ...((options.headers as Json) ?? {}) };
      for (const [name, value] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
        headers[name] = String(value)
          .replace(/^=/, '')
          .replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_: string, key: string) =>
            String((run.credentials as Json)[key] ?? ''),
          );
      }
      const config: AxiosRequestConfig = {
        method: options.method as AxiosRequestConfig['method'],
        url: options.url as string,
        headers: headers as Record<string, string>,
        timeout: options.timeout as number,
        maxBodyLength: Number.POSITIVE_INFINITY,
        maxContentLength: Number.POSITIVE_INFINITY,
      };
      if (options.body !== undefined) config.data = options.body;
      if (options.abortSignal) config.signal = options.abortSignal as AbortSignal;
      if (options.encoding) config.responseType = options.encoding as AxiosRequestConfig['responseType'];
      if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
      try {
        const result = await axios.request(config);
        if (!options.returnFullResponse) return result.data;
        return {
          body: result.data,
          headers: result.headers,
          statusCode: result.status,
          statusMessage: result.statusText,
        };
      } catch (error) {
        throw new NodeApiError(nodeInfo, error);
      }
    }
    const valueAt = (source: Json, path: string): unknown =>
      path
        .split('.')
        .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Json)[key] : undefined), source);
    return {
      getInputData: () => items,
      getNode: () => nodeInfo,
      getNodeParameter: (name: string, index: number, fallback?: unknown) => {
        const own = valueAt(run.perItem?.(index) ?? {}, name);
        const value = own !== undefined ? own : valueAt(run.parameters, name);
        return value === undefined ? fallback : value;
      },
      getCredentials: async () => ({ ...run.credentials }),
      getWorkflowStaticData: (type: string) => (staticData[type] ??= {}),
      getMode: () => 'trigger',
      continueOnFail: () => false,
      getExecutionCancelSignal: () => undefined,
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      helpers: { httpRequestWithAuthentication, getBinaryDataBuffer: async () => Buffer.alloc(0) },
    };
  };

  return { execute: (context) => node.execute.call(context), makeContext };
}
