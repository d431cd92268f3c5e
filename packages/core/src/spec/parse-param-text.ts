import { ValidationError } from '../errors/validation-error.js';
import type { ModelSpec, ParamSpec } from './param-spec.js';
import { showValue } from './validate.js';

/**
 * Turns the text a person typed (a CLI flag, an action input, a Zapier field) into the parameter's type.
 * Empty text means "not set". Range and choice checks are left to validateParams, so all errors read alike.
 */
export function parseParamText(model: ModelSpec, param: ParamSpec, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  switch (param.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(trimmed)) throw notAllowed(model, param, text);
      return Number(trimmed);
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(lower)) return true;
      if (['false', 'no', '0', 'off'].includes(lower)) return false;
      throw notAllowed(model, param, text);
    }
    case 'url-list':
      // Commas separate URLs only before the next URL: a data URL has a comma of its own.
      return trimmed
        .split(/\n+|,(?=\s*(?:https?:|data:))/i)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'text':
    case 'long-text':
      return text;
    case 'choice':
      return trimmed;
  }
}

function notAllowed(model: ModelSpec, param: ParamSpec, text: string): ValidationError {
  return new ValidationError([
    {
      field: param.name,
      value: text,
      allowed: param.allowed,
      message: `${param.name}: ${showValue(text)} is not allowed for ${model.id}; use ${param.allowed}`,
    },
  ]);
}
