import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/http-errors.js';
import { clientFor, errorOf, useEmulator } from '../test-utils/emulator.js';
import { checkCredentials } from './check-credentials.js';

const emulator = useEmulator();

describe('checkCredentials', () => {
  it('lists the models where there is a list', async () => {
    const check = await checkCredentials(clientFor(emulator()));
    expect(check).toMatchObject({ via: 'models', modelListed: true });
  });

  it('without a model list, looks up a job that does not exist, and says so', async () => {
    emulator().setProfile('no-models');
    const check = await checkCredentials(clientFor(emulator()));
    expect(check.via).toBe('job-lookup');
    expect(check.note).toContain('GET /v1/models answered 404');
  });

  it('a base URL whose every route is missing is not taken for an accepted key', async () => {
    const client = clientFor(emulator(), { baseUrl: `${emulator().url}/wrong/path` });
    const error = await errorOf(checkCredentials(client));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).status).toBe(404);
  });
});
