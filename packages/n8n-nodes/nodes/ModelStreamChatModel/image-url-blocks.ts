/**
 * n8n's AI Agent passes an item's binary images as OpenAI-style `image_url` blocks, which the AI node
 * SDK's message converter (0.30, 0.31) drops before the model sees them. This rewrites them into
 * LangChain's standard `image` blocks, which the converter keeps, on the model the SDK hands to n8n and
 * on every model derived from it with bindTools.
 */
interface ContentMessage {
  content: unknown;
}

interface ImageUrlBlock {
  type: 'image_url';
  image_url: string | { url?: string };
}

interface LangChainModelHooks {
  _generate(messages: ContentMessage[], ...rest: unknown[]): unknown;
  _streamResponseChunks(messages: ContentMessage[], ...rest: unknown[]): unknown;
  bindTools(...args: unknown[]): unknown;
}

const isImageUrlBlock = (block: unknown): block is ImageUrlBlock =>
  typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'image_url';

function standardBlock(block: ImageUrlBlock): Record<string, unknown> {
  const url = typeof block.image_url === 'string' ? block.image_url : (block.image_url?.url ?? '');
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data) return { type: 'image', mimeType: data[1], data: data[2] };
  return { type: 'image', url, mimeType: 'image/*' };
}

function withStandardImages(messages: ContentMessage[]): ContentMessage[] {
  for (const message of messages) {
    if (Array.isArray(message.content) && message.content.some(isImageUrlBlock)) {
      message.content = message.content.map((block: unknown) =>
        isImageUrlBlock(block) ? standardBlock(block) : block,
      );
    }
  }
  return messages;
}

export function keepImageUrlBlocks<T>(model: T): T {
  const hooks = model as unknown as LangChainModelHooks;
  const generate = hooks._generate.bind(hooks);
  const stream = hooks._streamResponseChunks.bind(hooks);
  const bindTools = hooks.bindTools.bind(hooks);
  hooks._generate = (messages, ...rest) => generate(withStandardImages(messages), ...rest);
  hooks._streamResponseChunks = (messages, ...rest) => stream(withStandardImages(messages), ...rest);
  hooks.bindTools = (...args) => keepImageUrlBlocks(bindTools(...args));
  return model;
}
