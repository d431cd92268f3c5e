import { useEmulator } from '@modelstream-kit/emulator/vitest';
import type { Message } from '@n8n/ai-node-sdk';
import { type IDataObject, type ISupplyDataFunctions, sleep } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { ModelStreamChatModel } from '../nodes/ModelStreamChatModel/ModelStreamChatModel.node';
import { toConversationForm } from '../nodes/ModelStreamChatModel/to-form';
import { createContext, itemsOf, TEST_KEY } from './n8n-context';

const emulator = useEmulator({ jobDurationMs: 0 });

const posts = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

/** What a LangChain chat model answers (the subset these tests read). */
interface AiMessage {
  text: string;
  usage_metadata?: { input_tokens: number; output_tokens: number; total_tokens: number };
  response_metadata: Record<string, unknown>;
}

interface ChatModelLike {
  invoke(messages: [string, string][], options?: { signal?: AbortSignal }): Promise<AiMessage>;
  bindTools(tools: unknown[]): ChatModelLike;
}

/** The sub-node as n8n runs it: supplyData on a context, then the LangChain model it hands the agent. */
async function supply(options: IDataObject = {}, signal?: AbortSignal) {
  const { ctx, sent } = createContext({
    items: itemsOf(1),
    parameters: { options },
    credentials: { apiKey: TEST_KEY, baseUrl: emulator().url },
    ...(signal ? { signal } : {}),
  });
  const outputs: unknown[] = [];
  const supplyCtx = Object.assign(ctx, {
    getNextRunIndex: () => 0,
    addInputData: () => ({ index: 0 }),
    addOutputData: (_type: unknown, _index: number, data: unknown) => outputs.push(data),
    setMetadata: () => {},
  }) as unknown as ISupplyDataFunctions;
  const node = new ModelStreamChatModel();
  const data = await node.supplyData.call(supplyCtx, 0);
  return { model: data.response as ChatModelLike, sent, outputs };
}

const errorOf = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
};

describe('the agent messages on the flattened form', () => {
  it('takes a lone user message as the prompt and system messages as the system prompt', () => {
    const messages: Message[] = [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'What is 2 + 2?' }] },
    ];
    expect(toConversationForm(messages)).toEqual({
      prompt: 'What is 2 + 2?',
      systemPrompt: 'Be brief.',
      images: [],
    });
  });

  it('writes a longer conversation into the prompt, oldest first, with every image listed', () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look at this.' },
          { type: 'file', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'A chart.' },
          { type: 'tool-call', toolName: 'zoom', input: '{"x":1}' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', result: { zoomed: true } }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And this one?' },
          { type: 'file', mediaType: 'image/jpeg', data: 'https://example.com/b.jpg' },
        ],
      },
    ];
    expect(toConversationForm(messages)).toEqual({
      prompt: [
        'The conversation so far, oldest first. Reply as the Assistant to the last message.',
        'User: Look at this.',
        'Assistant: A chart.\n(called the tool zoom with {"x":1})',
        'Tool: (result of tool call call_1: {"zoomed":true})',
        'User: And this one?',
      ].join('\n\n'),
      images: ['data:image/png;base64,iVBORw0KGgo=', 'https://example.com/b.jpg'],
    });
  });

  it('refuses a file that is not an image, naming where it is, before any request', () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Read this' },
          { type: 'file', mediaType: 'application/pdf', data: 'JVBERi0=' },
        ],
      },
    ];
    expect(() => toConversationForm(messages)).toThrow(
      'messages[0].content[1]: a file of type "application/pdf" cannot be sent; ModelStream\'s form takes images only (image/*)',
    );
  });
});

describe('ModelStream Chat Model as n8n supplies it, against the emulator', () => {
  it('answers through one background job, with usage for the agent and for n8n’s token accounting', async () => {
    const { model, sent, outputs } = await supply({ reasoningEffort: 'xhigh', verbosity: 'high' });
    const answer = await model.bindTools([]).invoke([
      ['system', 'Answer in one line.'],
      ['human', 'What is 2 + 2?'],
    ]);
    expect(answer.text).toContain('answering "What is 2 + 2?" with 0 images at reasoning effort xhigh');
    expect(answer.text).toContain(
      `It followed a system prompt of ${'Answer in one line.'.length} characters.`,
    );
    const usage = answer.usage_metadata;
    expect(usage?.total_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0));
    expect(answer.response_metadata).toMatchObject({
      model: 'gpt-5.4-pro',
      jobId: expect.stringMatching(/^resp_/),
    });

    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ background: true, hasKey: true, status: 200 });
    const body = JSON.parse(String(sent[0]?.body));
    expect(body).toMatchObject({
      model: 'gpt-5.4-pro',
      prompt: 'What is 2 + 2?',
      system_prompt: 'Answer in one line.',
      reasoning_effort: 'xhigh',
      verbosity: 'high',
      background: true,
    });
    expect(body.messages).toBeUndefined();

    // What n8n's token accounting reads: the run data the tracing callback adds to the sub-node.
    const reported = JSON.stringify(outputs);
    expect(reported).toContain(
      `"tokenUsage":{"completionTokens":${usage?.output_tokens},"promptTokens":${usage?.input_tokens},"totalTokens":${usage?.total_tokens}}`,
    );
    expect(reported).not.toContain(TEST_KEY);
  });

  it('sends the conversation’s images in the image list', async () => {
    const { model, sent } = await supply();
    const withImage = await (model as unknown as { invoke(m: unknown[]): Promise<AiMessage> }).invoke([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe the picture' },
          { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
        ],
      },
    ]);
    expect(withImage.text).toContain('answering "Describe the picture" with 1 image');
    expect(JSON.parse(String(sent[0]?.body)).image_urls).toEqual(['data:image/png;base64,iVBORw0KGgo=']);
  });

  it('refuses a setting the model does not allow, naming the field, before any request', async () => {
    const error = await errorOf(supply({ reasoningEffort: 'low' }));
    expect(error.message).toBe(
      'Reasoning Effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
    expect(posts()).toHaveLength(0);
  });

  it('refuses the agent’s tools by name, since the form has no field for them, and sends nothing', async () => {
    const { model } = await supply();
    const tool = { name: 'calculator', description: 'Adds', schema: { type: 'object', properties: {} } };
    const error = await errorOf(model.bindTools([tool]).invoke([['human', 'What is 2 + 2?']]));
    expect(error.message).toContain(
      "tools: ModelStream's form has no field for tools, so this model cannot call the agent's tools (calculator)",
    );
    expect(posts()).toHaveLength(0);
  });

  it('stopping the execution cancels the upstream job, and the error names it', async () => {
    const controller = new AbortController();
    const { model, sent } = await supply({}, controller.signal);
    const settled = model.invoke([['human', 'Very long [emulator:job-ms=60000]']]).catch((e: unknown) => e);
    for (let i = 0; i < 200 && !sent.some((r) => r.method === 'GET'); i++) await sleep(20);
    controller.abort();
    const error = (await settled) as Error;
    expect(error.message).toMatch(/cancelled upstream/);
    expect(error.message).toMatch(/resp_/);
    const cancels = emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.status).toBe(200);
    expect(posts()).toHaveLength(1);
  });
});
