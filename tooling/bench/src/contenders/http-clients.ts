import { closeDefaultAgent, createNodeClient } from '@modelstream-kit/core/node';
import OpenAI from 'openai';
import { Agent, request } from 'undici';

/** Obviously fake; the emulator accepts any `sk-...` key but the reserved ones. */
export const BENCH_KEY = 'sk-bench-not-a-real-key';
export const MODEL = 'gpt-5.4-pro';

export interface OneCall {
  call(prompt: string): Promise<string>;
  close(): Promise<void>;
}

const headers = {
  authorization: `Bearer ${BENCH_KEY}`,
  'content-type': 'application/json',
  accept: 'application/json',
};

/** Our client as users get it: createNodeClient (shared undici Agent, keep-alive). */
export function ours(url: string): OneCall {
  const client = createNodeClient({ apiKey: BENCH_KEY, baseUrl: url, env: {} });
  return {
    call: async (prompt) => (await client.complete({ prompt })).text,
    close: closeDefaultAgent,
  };
}

/** The floor: undici.request on its own keep-alive Agent, the same POST, JSON.parse of the body. */
export function rawUndici(url: string): OneCall {
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  const target = `${url}/v1/chat/completions`;
  return {
    call: async (prompt) => {
      const response = await request(target, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: MODEL, prompt }),
        dispatcher: agent,
      });
      const payload = (await response.body.json()) as { choices: { message: { content: string } }[] };
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      return payload.choices[0]!.message.content;
    },
    close: () => agent.close(),
  };
}

/** Node's global fetch (undici inside Node), the same POST. */
export function nodeFetch(url: string): OneCall {
  const target = `${url}/v1/chat/completions`;
  return {
    call: async (prompt) => {
      const response = await fetch(target, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: MODEL, prompt }),
      });
      const payload = (await response.json()) as { choices: { message: { content: string } }[] };
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      return payload.choices[0]!.message.content;
    },
    close: async () => {},
  };
}

/** The openai SDK with its defaults, on the emulator's OpenAI `messages` form. */
export function openaiSdk(url: string): OneCall {
  const client = new OpenAI({ apiKey: BENCH_KEY, baseURL: `${url}/v1` });
  return {
    call: async (prompt) => {
      const completion = await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: prompt }],
      });
      return completion.choices[0]?.message.content ?? '';
    },
    close: async () => {},
  };
}

export const httpClients = { ours, undici: rawUndici, fetch: nodeFetch, openai: openaiSdk } as const;
export type HttpClientName = keyof typeof httpClients;
