import { gpt54Pro } from '@modelstream-kit/core';
import type { INodeProperties } from 'n8n-workflow';
import { expect, it } from 'vitest';
import { ModelStream } from '../nodes/ModelStream/ModelStream.node';
import readme from '../README.md?raw';
import { fieldsTable } from './fields-table';

it("the README's table of fields is the spec's (paste the expected table when this fails)", () => {
  const options = new ModelStream().description.properties.find((p) => p.name === 'options')?.options;
  const table = fieldsTable(gpt54Pro, options as INodeProperties[]);
  const between = /<!-- fields:start -->\n([\s\S]*?)\n<!-- fields:end -->/.exec(readme);
  expect(between?.[1]).toBe(table);
});
