import { DEFAULT_BASE_URL, gpt54Pro, toCamelCase } from '@modelstream-kit/core';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { MODELSTREAM_BASE_URL, ModelStreamApi } from '../credentials/ModelStreamApi.credentials';
import { ModelStream } from '../nodes/ModelStream/ModelStream.node';
import pkg from '../package.json';

const { description } = new ModelStream();
const byName = (props: readonly INodeProperties[], name: string) => props.find((p) => p.name === name);
const options = byName(description.properties, 'options')?.options as INodeProperties[];

describe('node description, generated from the spec', () => {
  it('shows every basic parameter as its own field and every advanced one under Options', () => {
    for (const param of gpt54Pro.params) {
      const where = param.group === 'basic' ? description.properties : options;
      const field = byName(where, toCamelCase(param.name));
      expect(field, param.name).toBeDefined();
      expect(field?.displayName).toBe(param.label);
      expect(field?.description).toBe(param.description);
    }
    const advanced = gpt54Pro.params.filter((p) => p.group === 'advanced').map((p) => toCamelCase(p.name));
    const nodeOwn = ['imageBinaryProperties', 'concurrency', 'maxCostUsd', 'maxRetries', 'priceMultiplier'];
    expect(options.map((o) => o.name).sort()).toEqual([...advanced, ...nodeOwn].sort());
  });

  it('renders each kind with its n8n type, enums and limits', () => {
    for (const param of gpt54Pro.params) {
      const field = byName(
        [...description.properties, ...options],
        toCamelCase(param.name),
      ) as INodeProperties;
      const expected = {
        text: 'string',
        'long-text': 'string',
        'url-list': 'string',
        integer: 'number',
        boolean: 'boolean',
        choice: 'options',
      }[param.kind];
      expect(field.type, param.name).toBe(expected);
      if (param.kind === 'choice') {
        const choices = field.options as INodePropertyOptions[];
        expect(choices.map((c) => c.value)).toEqual(param.choices?.map((c) => c.value));
        expect(choices.map((c) => c.name)).toEqual(param.choices?.map((c) => c.label));
      }
      if (param.kind === 'integer') {
        expect(field.typeOptions?.minValue).toBe(param.min);
        expect(field.typeOptions?.maxValue).toBe(param.max);
      }
      if (param.kind === 'url-list') expect(field.typeOptions?.multipleValues).toBe(true);
      if (param.required) expect(field.required).toBe(true);
    }
  });

  it("offers xhigh reasoning effort, which n8n's own OpenAI node lacks", () => {
    const effort = byName(options, 'reasoningEffort')?.options as INodePropertyOptions[];
    expect(effort.map((c) => c.value)).toContain('xhigh');
  });

  it('keeps model fields to the Message operation, prompt visible and required', () => {
    const prompt = byName(description.properties, 'prompt');
    expect(prompt?.required).toBe(true);
    expect(prompt?.displayOptions?.show?.operation).toEqual(['message']);
    expect(byName(description.properties, 'systemPrompt')?.displayOptions?.show?.operation).toEqual([
      'message',
    ]);
    for (const name of gpt54Pro.params
      .filter((p) => p.group === 'advanced')
      .map((p) => toCamelCase(p.name))) {
      expect(byName(options, name)?.displayOptions?.show?.['/operation']).toEqual(['message']);
    }
  });

  it('names the operations, waits by default for a Pro model, up to 30 minutes', () => {
    const operation = byName(description.properties, 'operation');
    expect(((operation?.options ?? []) as INodePropertyOptions[]).map((o) => o.name)).toEqual([
      'Get Job',
      'Message GPT-5.4 Pro',
    ]);
    expect(operation?.default).toBe('message');
    expect(byName(description.properties, 'waitForCompletion')?.default).toBe(
      gpt54Pro.delivery.preferred === 'background',
    );
    expect(byName(description.properties, 'maxWaitMinutes')?.default).toBe(30);
    expect(byName(options, 'background')?.default).toBe(gpt54Pro.delivery.preferred === 'background');
    expect(byName(options, 'concurrency')?.default).toBe(5);
    expect(byName(description.properties, 'simplify')?.default).toBe(true);
  });

  it('is usable as an AI tool, with the ModelStream credential', () => {
    expect(description.usableAsTool).toBe(true);
    expect(description.name).toBe('modelStream');
    expect(description.credentials).toEqual([{ name: 'modelStreamApi', required: true }]);
  });
});

describe('credential', () => {
  const credential = new ModelStreamApi();

  it('takes the key in a password field and the base URL, defaulting to the public one', () => {
    expect(credential.name).toBe('modelStreamApi');
    expect(credential.displayName).toBe('ModelStream API');
    const key = byName(credential.properties, 'apiKey');
    expect(key?.typeOptions?.password).toBe(true);
    expect(MODELSTREAM_BASE_URL).toBe(DEFAULT_BASE_URL);
    expect(byName(credential.properties, 'baseUrl')?.default).toBe(DEFAULT_BASE_URL);
  });

  it('sends the key as a Bearer header and tests it by listing the models', () => {
    expect(credential.authenticate).toEqual({
      type: 'generic',
      properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
    });
    expect(credential.test.request.url).toBe('/v1/models');
    expect(credential.test.request.method).toBe('GET');
    expect(credential.test.request.baseURL).toContain('$credentials.baseUrl');
  });
});

describe('package.json, as n8n and its scanner read it', () => {
  it('declares the node and credential built into dist, strict, API version 1', () => {
    expect(pkg.n8n).toEqual({
      n8nNodesApiVersion: 1,
      aiNodeSdkVersion: 1,
      strict: true,
      credentials: ['dist/credentials/ModelStreamApi.credentials.js'],
      nodes: [
        'dist/nodes/ModelStream/ModelStream.node.js',
        'dist/nodes/ModelStreamChatModel/ModelStreamChatModel.node.js',
      ],
    });
    expect(pkg.keywords).toContain('n8n-community-node-package');
    expect(pkg.license).toBe('MIT');
  });

  it('has zero runtime dependencies, n8n-workflow and the AI node SDK as its only peers, and no install scripts', () => {
    expect((pkg as { dependencies?: unknown }).dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*', '@n8n/ai-node-sdk': '*' });
    const scripts = Object.keys(pkg.scripts);
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall'])
      expect(scripts).not.toContain(hook);
  });
});
