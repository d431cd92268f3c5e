import { gpt54Pro } from '@modelstream-kit/core';
import {
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  NodeConnectionTypes,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE, executeModelStream } from './execute';
import { GET_JOB, nodeProperties, titleCase } from './node-properties';

const model = gpt54Pro;

export class ModelStream implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'ModelStream',
    name: 'modelStream',
    icon: { light: 'file:../../icons/modelstream.svg', dark: 'file:../../icons/modelstream.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: `={{$parameter["operation"] === "${GET_JOB}" ? "Get Job" : "Message ${titleCase(model.label)}"}}`,
    description: `Send prompts and images to ${model.label} through the ModelStream API`,
    defaults: { name: 'ModelStream' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: CREDENTIAL_TYPE, required: true }],
    properties: nodeProperties(model),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return [await executeModelStream(this, model)];
  }
}
