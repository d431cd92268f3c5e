import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { defineModel } from '../spec/define-model.js';
import { gpt54Pro } from '../spec/gpt-5.4-pro.js';
import { resolveDelivery, withDelivery } from './delivery.js';

const plainOnly = defineModel({
  ...gpt54Pro,
  id: 'plain-only',
  delivery: { supports: ['plain', 'stream'], preferred: 'plain' },
});

describe('resolveDelivery', () => {
  it('follows what was asked, else the model’s preference', () => {
    expect(resolveDelivery(gpt54Pro, {})).toBe('background');
    expect(resolveDelivery(gpt54Pro, { stream: true })).toBe('stream');
    expect(resolveDelivery(gpt54Pro, { background: true })).toBe('background');
    expect(resolveDelivery(gpt54Pro, { background: false })).toBe('plain');
    expect(resolveDelivery(gpt54Pro, { background: false, stream: true })).toBe('stream');
    expect(resolveDelivery(plainOnly, {})).toBe('plain');
  });

  it('takes the first delivery the surface allows when the preferred one is not', () => {
    expect(resolveDelivery(gpt54Pro, {}, ['plain', 'stream'])).toBe('plain');
    expect(resolveDelivery(plainOnly, {}, ['background', 'stream'])).toBe('stream');
  });

  it('refuses contradictions and what the model or surface cannot do, naming the field', () => {
    const both = () => resolveDelivery(gpt54Pro, { background: true, stream: true });
    expect(both).toThrow(ValidationError);
    expect(both).toThrow(/background: true cannot be combined with stream/);
    expect(() => resolveDelivery(plainOnly, { background: true })).toThrow(
      /background: true is not available/,
    );
    expect(() => resolveDelivery(gpt54Pro, { stream: true }, ['background'])).toThrow(
      /stream: true is not available/,
    );
  });
});

describe('withDelivery', () => {
  it('sets the switch the delivery uses, keeping an explicit background: false on a plain call', () => {
    const params = { prompt: 'x', background: false, stream: true };
    expect(withDelivery(params, 'background')).toEqual({ prompt: 'x', background: true });
    expect(withDelivery(params, 'stream')).toEqual({ prompt: 'x', stream: true });
    expect(withDelivery(params, 'plain')).toEqual({ prompt: 'x', background: false });
    expect(withDelivery({ prompt: 'x', stream: false }, 'plain')).toEqual({ prompt: 'x' });
  });
});
