import { createClient, gpt54Pro, type ModelSpec, readParams, ValidationError } from '@modelstream-kit/core';
import { supplyModel } from '@n8n/ai-node-sdk';
import {
  type IDataObject,
  type IExecuteFunctions,
  type INodeType,
  type INodeTypeDescription,
  type ISupplyDataFunctions,
  NodeConnectionTypes,
  type SupplyData,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../ModelStream/execute';
import { n8nClock } from '../ModelStream/n8n-clock';
import { createN8nTransport } from '../ModelStream/n8n-transport';
import { toNodeError } from '../ModelStream/to-node-error';
import { ModelStreamLanguageModel } from './chat-model';
import {
  chatModelProperties,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_WAIT_MINUTES,
  fieldName,
  fromAgent,
} from './properties';

const model: ModelSpec = gpt54Pro;

const positive = (value: unknown, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export class ModelStreamChatModel implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'ModelStream Chat Model',
    name: 'modelStreamChatModel',
    icon: { light: 'file:../../icons/modelstream.svg', dark: 'file:../../icons/modelstream.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: model.label,
    description: `${model.label} through ModelStream as the AI Agent's model: text and images in, text out, no tool calling`,
    defaults: { name: 'ModelStream Chat Model' },
    inputs: [],
    outputs: [NodeConnectionTypes.AiLanguageModel],
    outputNames: ['Model'],
    credentials: [{ name: CREDENTIAL_TYPE, required: true }],
    properties: chatModelProperties(model),
  };

  async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
    const credentials = await this.getCredentials<{ apiKey?: string; baseUrl?: string }>(CREDENTIAL_TYPE);
    const secrets = typeof credentials.apiKey === 'string' && credentials.apiKey ? [credentials.apiKey] : [];
    const node = this.getNode();
    const toError = (error: unknown) => toNodeError(node, error, itemIndex, secrets);
    const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
    // Settings are checked here, before the agent sends anything; the prompt comes with each call.
    const { params, issues } = readParams(model, (param) => options[fieldName(param)], {
      skip: (param) => fromAgent(param) || param.role === 'delivery',
      fieldName: (param) => param.label,
    });
    if (issues.length > 0) throw toError(new ValidationError(issues));
    let client: ReturnType<typeof createClient>;
    try {
      client = createClient({
        // The transport calls only `helpers.httpRequestWithAuthentication`, which this context has too.
        transport: createN8nTransport(this as unknown as IExecuteFunctions, CREDENTIAL_TYPE),
        clock: n8nClock,
        baseUrl: credentials.baseUrl || undefined,
        model: model.id,
        maxRetries: Number(options.maxRetries ?? DEFAULT_MAX_RETRIES),
        logger: this.logger,
      });
    } catch (error) {
      throw toError(error);
    }
    const chatModel = new ModelStreamLanguageModel({
      model,
      client,
      params,
      maxWaitMs: positive(options.maxWaitMinutes, DEFAULT_MAX_WAIT_MINUTES) * 60_000,
      signal: this.getExecutionCancelSignal(),
      toError,
    });
    return supplyModel(this, chatModel);
  }
}
