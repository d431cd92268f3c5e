import { ValidationError } from '@modelstream-kit/core';
import type { PlainInputField } from 'zapier-platform-core';

export const jobIdField: PlainInputField = {
  key: 'id',
  label: 'Job ID',
  type: 'string',
  required: true,
  helpText: 'The **Job ID** from a Send Prompt or Start Background Completion step (it starts with `resp_`).',
};

/** The job id a person mapped in, checked before any request. */
export function readJobId(inputData: Record<string, unknown>): string {
  const value = inputData.id;
  const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(id)) {
    throw new ValidationError([
      {
        field: 'id',
        value,
        allowed: 'a job ID such as resp_abc123 (letters, digits, . _ : -)',
        message:
          value === undefined || value === ''
            ? 'id: is required; map the Job ID from a Send Prompt or Start Background Completion step'
            : `id: ${JSON.stringify(value)} is not a job ID; use a job ID such as resp_abc123`,
      },
    ]);
  }
  return id;
}
