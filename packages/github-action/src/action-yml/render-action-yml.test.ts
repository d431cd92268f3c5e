import { readFileSync } from 'node:fs';
import { gpt54Pro, type ModelSpec, toKebabCase } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionOutputs } from '../action-inputs.js';
import { renderActionYml } from './render-action-yml.js';
import { replaceReadmeTables } from './render-readme-tables.js';

const committed = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');

interface Yml {
  inputs: Record<string, { description: string; required: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

describe('action.yml', () => {
  it('is exactly what the generator writes from the spec (run `pnpm generate` after changing either)', () => {
    expect(committed).toBe(renderActionYml(gpt54Pro));
  });

  it('has an input for every gpt-5.4-pro parameter, in kebab-case, described and defaulted by the spec', () => {
    const yml = parse(committed) as Yml;
    for (const param of gpt54Pro.params) {
      const input = yml.inputs[toKebabCase(param.name)];
      expect(input, param.name).toBeDefined();
      expect(input!.description).toContain(param.description);
      for (const choice of param.choices ?? []) expect(input!.description).toContain(`\`${choice.value}\``);
      if (param.default !== undefined && param.name !== 'background') {
        expect(input!.default).toBe(String(param.default));
      }
    }
    expect(yml.inputs['reasoning-effort']).toBeDefined();
    expect(yml.inputs.background!.default).toBe('true'); // the spec's preferBackground
  });

  it("has the action's own inputs and outputs and runs dist/index.js on node24", () => {
    const yml = parse(committed) as Yml;
    for (const name of [
      'api-key', 'base-url', 'mode', 'prompt-file', 'system-prompt-file', 'github-token', 'comment',
      'max-diff-tokens', 'include', 'exclude', 'diff-file', 'timeout-minutes', 'force', 'fail-on-error',
    ]) expect(yml.inputs[name], name).toBeDefined(); // biome-ignore format: a list
    expect(yml.inputs['api-key']!.required).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression
    expect(yml.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(yml.inputs.comment!.default).toBe('sticky');
    expect(Object.keys(yml.outputs)).toEqual(actionOutputs.map((o) => o.name));
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('follows the spec: a new parameter becomes a new input with no adapter change', () => {
    const base = gpt54Pro.params.find((p) => p.name === 'verbosity')!;
    const model: ModelSpec = {
      ...gpt54Pro,
      params: [...gpt54Pro.params, { ...base, name: 'safety_level', description: 'A made-up new knob.' }],
    };
    const yml = parse(renderActionYml(model)) as Yml;
    expect(yml.inputs['safety-level']!.description).toContain('A made-up new knob.');
  });

  it("the README's input and output tables are generated from the same list", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // Biome pads Markdown tables; compare without the padding.
    const unpad = (text: string) => text.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---');
    expect(unpad(readme)).toBe(unpad(replaceReadmeTables(readme, gpt54Pro)));
    expect(readme).toMatch(/\| `reasoning-effort` +\|/);
  });
});
