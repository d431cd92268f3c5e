import { type ModelSpec, paramWithRole, ValidationError, type ValidationIssue } from '@modelstream-kit/core';
import type { Message, MessageContent } from '@n8n/ai-node-sdk';

/** What ModelStream's flattened form takes from a conversation: one prompt, instructions, images. */
export interface ConversationForm {
  prompt: string;
  systemPrompt?: string;
  images: string[];
}

const LABELS: Record<Message['role'], string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
};

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function base64Of(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** An image content block as a URL the form's image list takes: http(s) as is, bytes as a data URL. */
function imageUrlOf(block: Extract<MessageContent, { type: 'file' }>): string | undefined {
  const url = block.providerMetadata?.url;
  if (typeof url === 'string' && url) return url;
  if (typeof block.data === 'string') {
    if (/^(https?:|data:)/i.test(block.data)) return block.data;
    if (!block.data) return undefined;
    return `data:${block.mediaType ?? 'image/png'};base64,${block.data}`;
  }
  return `data:${block.mediaType ?? 'image/png'};base64,${base64Of(block.data)}`;
}

const isImage = (block: Extract<MessageContent, { type: 'file' }>): boolean =>
  (block.mediaType ?? '').startsWith('image/') ||
  (typeof block.data === 'string' && block.data.startsWith('data:image/'));

/** One turn's text; images are collected on the side. Anything the form cannot carry is an issue. */
function turnText(message: Message, at: number, images: string[], issues: ValidationIssue[]): string {
  const parts: string[] = [];
  for (const [index, block] of message.content.entries()) {
    switch (block.type) {
      case 'text':
        if (block.text) parts.push(block.text);
        break;
      case 'file': {
        const url = isImage(block) ? imageUrlOf(block) : undefined;
        if (url) images.push(url);
        else
          issues.push({
            field: `messages[${at}].content[${index}]`,
            value: block.mediaType ?? 'a file',
            allowed: 'images (image/*)',
            message: `messages[${at}].content[${index}]: a file of type "${block.mediaType ?? 'unknown'}" cannot be sent; ModelStream's form takes images only (image/*)`,
          });
        break;
      }
      case 'tool-call':
        parts.push(`(called the tool ${block.toolName} with ${block.input})`);
        break;
      case 'tool-result':
        parts.push(`(result of tool call ${block.toolCallId}: ${asText(block.result)})`);
        break;
      // The model's own reasoning, citations and provider blocks are not sent back.
      default:
        break;
    }
  }
  return parts.join('\n');
}

/**
 * The agent's messages onto ModelStream's form: the system messages become the system prompt; a single
 * user message is the prompt as it is; a longer conversation is written into the prompt as a transcript,
 * oldest first, ending with the turn to answer; every image, from any turn, goes to the image list.
 */
export function toConversationForm(messages: readonly Message[]): ConversationForm {
  const issues: ValidationIssue[] = [];
  const images: string[] = [];
  const system: string[] = [];
  const turns: { role: Message['role']; text: string }[] = [];
  for (const [at, message] of messages.entries()) {
    const text = turnText(message, at, images, issues);
    if (message.role === 'system') {
      if (text) system.push(text);
    } else if (text || message.role === 'user') {
      turns.push({ role: message.role, text });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const only = turns.length === 1 && turns[0]?.role === 'user' ? turns[0] : undefined;
  const prompt = only
    ? only.text
    : [
        'The conversation so far, oldest first. Reply as the Assistant to the last message.',
        ...turns.map((turn) => `${LABELS[turn.role]}: ${turn.text}`),
      ].join('\n\n');
  return { prompt, ...(system.length > 0 ? { systemPrompt: system.join('\n\n') } : {}), images };
}

/** The form's own parameter names for the three parts, from the spec's roles. */
export function formParams(model: ModelSpec, form: ConversationForm): Record<string, unknown> {
  const prompt = paramWithRole(model, 'prompt');
  const instructions = paramWithRole(model, 'instructions');
  const images = paramWithRole(model, 'images');
  if (!prompt) throw new Error(`${model.id} has no prompt parameter`);
  const params: Record<string, unknown> = { [prompt.name]: form.prompt };
  if (form.systemPrompt !== undefined) {
    if (instructions) params[instructions.name] = form.systemPrompt;
    else params[prompt.name] = `${form.systemPrompt}\n\n${form.prompt}`;
  }
  if (form.images.length > 0) {
    if (!images) {
      throw new ValidationError([
        {
          field: 'messages',
          value: `${form.images.length} images`,
          allowed: 'no images',
          message: `messages: ${model.label} takes no images on ModelStream; remove the images`,
        },
      ]);
    }
    params[images.name] = form.images;
  }
  return params;
}
