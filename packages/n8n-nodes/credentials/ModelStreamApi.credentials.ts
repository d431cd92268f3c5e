import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  Icon,
  INodeProperties,
} from 'n8n-workflow';

// The core's DEFAULT_BASE_URL, written out so this file loads nothing (a test keeps the two equal).
export const MODELSTREAM_BASE_URL = 'https://api.modelstream.ai';

/** What the credential test says when the gateway has no GET /v1/models. */
export const NO_MODEL_LIST =
  'This gateway has no model list (GET /v1/models answered 404), so the key could not be checked here; it was not refused. Save the credential and run the node once: a wrong key fails with 401 and says so.';

export class ModelStreamApi implements ICredentialType {
  name = 'modelStreamApi';

  displayName = 'ModelStream API';

  icon: Icon = { light: 'file:../icons/modelstream.svg', dark: 'file:../icons/modelstream.dark.svg' };

  documentationUrl =
    'https://github.com/modelstream-kit/modelstream-kit/tree/main/packages/n8n-nodes#credentials';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
      description:
        'Your ModelStream key (sk-...). Keys can carry a quota cap, an expiry and an IP allow-list.',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: MODELSTREAM_BASE_URL,
      description:
        'Leave as is for ModelStream. Must be https; plain http is accepted only for localhost (a local emulator).',
    },
    {
      displayName: 'Job Path',
      name: 'jobPath',
      type: 'string',
      default: '',
      placeholder: '/v1/responses/{id}',
      description:
        "Where the gateway serves a background job, {id} standing for the job's ID. Leave empty: /v1/responses/{id}, and on a 404 the node tries /v1/chat/completions/{id} and logs which one answered. Run `modelstream doctor --spend` to find out.",
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '=Bearer {{$credentials.apiKey}}',
      },
    },
  };

  // Lists the models: free, fast, and answered 401 for a wrong key. A gateway without a model list
  // answers 404: the test says so rather than calling the key wrong (n8n's credential tests can only send
  // this one request; the node's first run checks the key for real).
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/v1$/i, "")}}',
      url: '/v1/models',
      method: 'GET',
    },
    rules: [
      {
        type: 'responseCode',
        properties: { value: 404, message: NO_MODEL_LIST },
      },
    ],
  };
}
