import { defineModel } from './define-model.js';
import { booleanParam, choiceParam, imageUrlListParam, integerParam, textParam } from './param-builders.js';

/**
 * GPT-5.4 pro's form on ModelStream (see shared/seed). Enum values that the page leaves out follow
 * OpenAI's documented ones; reasoning effort is the page's own medium/high/xhigh.
 */
export const gpt54Pro = defineModel({
  id: 'gpt-5.4-pro',
  label: 'GPT-5.4 pro',
  description:
    'OpenAI GPT-5.4 pro: deeper reasoning for the hardest tasks. Text and image input, text output, ' +
    '1,050,000-token context, up to 128,000 output tokens. Answers can take minutes.',
  contextWindowTokens: 1_050_000,
  maxOutputTokens: 128_000,
  // Pro answers take minutes: a background job survives a dropped connection and a platform's time limit.
  delivery: { supports: ['background', 'stream', 'plain'], preferred: 'background' },
  pricing: {
    currency: 'USD',
    source: "OpenAI's list prices for gpt-5.4-pro (ModelStream applies its own multipliers, not published)",
    tiers: [
      { upToInputTokens: 272_000, inputPerMillion: 30, outputPerMillion: 180 },
      { inputPerMillion: 60, outputPerMillion: 270 },
    ],
    // Scaled to fit 2048 px, then the short side to 768 px: at most 4 × 2 tiles of 512 px.
    imageTokens: { low: 85, base: 85, perTile: 170, tileSize: 512, maxTiles: 8 },
  },
  params: [
    textParam({
      name: 'prompt',
      label: 'Prompt',
      role: 'prompt',
      description: 'The message to the model.',
      group: 'basic',
      required: true,
      long: true,
      placeholder: 'Summarise the attached report in five bullet points.',
    }),
    textParam({
      name: 'system_prompt',
      label: 'System Prompt',
      role: 'instructions',
      description:
        'Instructions that set the model’s overall behaviour (the Responses API’s `instructions`).',
      group: 'basic',
      long: true,
      placeholder: 'You are a careful senior engineer.',
    }),
    imageUrlListParam({
      name: 'image_urls',
      label: 'Image URLs',
      role: 'images',
      description: 'Images for the model to look at: http(s) URLs or data:image/... URLs.',
      group: 'advanced',
      maxItems: 50,
      // OpenAI's limit for one image in a request.
      maxItemBytes: 20 * 1024 * 1024,
    }),
    choiceParam({
      name: 'image_detail',
      label: 'Image Detail',
      description: 'How closely the model looks at the images: low is cheaper and faster.',
      group: 'advanced',
      choices: [
        { value: 'auto', label: 'Auto', description: 'Let the model decide' },
        { value: 'low', label: 'Low', description: 'Fewer tokens per image' },
        { value: 'high', label: 'High', description: 'Full detail' },
      ],
    }),
    choiceParam({
      name: 'reasoning_effort',
      label: 'Reasoning Effort',
      description:
        'How much the model reasons before answering. More effort: better answers, more time and cost.',
      group: 'advanced',
      choices: [
        { value: 'medium', label: 'Medium', description: 'Balanced' },
        { value: 'high', label: 'High', description: 'Deeper reasoning' },
        { value: 'xhigh', label: 'Extra High', description: 'The most reasoning; slowest and costliest' },
      ],
    }),
    choiceParam({
      name: 'reasoning_summary',
      label: 'Reasoning Summary',
      description: 'Return a summary of the model’s reasoning alongside the answer.',
      group: 'advanced',
      choices: [
        { value: 'auto', label: 'Auto', description: 'The most detailed summary available' },
        { value: 'concise', label: 'Concise', description: 'A short summary' },
        { value: 'detailed', label: 'Detailed', description: 'A longer summary' },
      ],
    }),
    choiceParam({
      name: 'verbosity',
      label: 'Verbosity',
      description: 'How long and detailed the answer is.',
      group: 'advanced',
      choices: [
        { value: 'low', label: 'Low', description: 'Terse' },
        { value: 'medium', label: 'Medium', description: 'Balanced' },
        { value: 'high', label: 'High', description: 'Thorough' },
      ],
    }),
    integerParam({
      name: 'max_output_tokens',
      label: 'Max Output Tokens',
      description: 'Upper bound on tokens the model may produce, reasoning included (up to 128,000).',
      group: 'advanced',
      min: 1,
      max: 128_000,
    }),
    choiceParam({
      name: 'response_format',
      label: 'Response Format',
      description: 'Plain text, or a JSON object (ask for JSON in the prompt too).',
      group: 'advanced',
      choices: [
        { value: 'text', label: 'Text', description: 'Plain text' },
        { value: 'json_object', label: 'JSON Object', description: 'A valid JSON object' },
      ],
    }),
    booleanParam({
      name: 'store',
      label: 'Store',
      description: 'Store the response for later retrieval (on by default upstream).',
      group: 'advanced',
      default: true,
    }),
    textParam({
      name: 'topic',
      label: 'Topic',
      description: 'A label written to metadata.topic, to filter usage on the ModelStream dashboard.',
      group: 'advanced',
      maxLength: 64,
      placeholder: 'pr-summaries',
    }),
    booleanParam({
      name: 'background',
      label: 'Background',
      role: 'delivery',
      description: 'Run the answer as a background job and collect it when done (recommended for Pro).',
      group: 'advanced',
      default: false,
    }),
    booleanParam({
      name: 'stream',
      label: 'Stream',
      role: 'delivery',
      description: 'Stream the answer as it is written.',
      group: 'advanced',
      default: false,
    }),
  ],
});
