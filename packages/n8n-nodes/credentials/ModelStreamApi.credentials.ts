import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  Icon,
  INodeProperties,
} from 'n8n-workflow';

// The core's DEFAULT_BASE_URL, written out so this file loads nothing (a test keeps the two equal).
export const MODELSTREAM_BASE_URL = 'https://api.modelstream.ai';

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
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '=Bearer {{$credentials.apiKey}}',
      },
    },
  };

  // Lists the models: free, fast, and answered 401 for a wrong key.
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
      url: '/v1/models',
      method: 'GET',
    },
  };
}
