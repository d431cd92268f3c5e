import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { N8nInstance } from './real-n8n.js';
import { parseRawOutput } from './real-n8n.js';

export const E2E_KEY = 'sk-test-not-a-real-key';
export const CREDENTIAL_ID = 'msE2eCredential01';
export const CREDENTIAL_NAME = 'ModelStream (emulator)';

/** The ModelStream API credential pointing at the emulator, as `n8n import:credentials` takes it. */
export const emulatorCredential = (baseUrl: string) => [
  {
    id: CREDENTIAL_ID,
    name: CREDENTIAL_NAME,
    type: 'modelStreamApi',
    data: { apiKey: E2E_KEY, baseUrl },
  },
];

export const credentialRef = { modelStreamApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

/** Imports the credential and the workflows into the instance (its database). */
export async function importAll(
  n8n: N8nInstance,
  baseUrl: string,
  workflows: unknown[],
  timed: <T>(label: string, step: () => Promise<T>) => Promise<T> = (_l, step) => step(),
): Promise<void> {
  const credentialsFile = join(n8n.userFolder, 'credentials.json');
  const workflowFile = join(n8n.userFolder, 'workflows.json');
  await writeFile(credentialsFile, JSON.stringify(emulatorCredential(baseUrl)));
  await writeFile(workflowFile, JSON.stringify(workflows));
  await timed('import credential', () => n8n.cli(['import:credentials', `--input=${credentialsFile}`]));
  await timed('import workflow', () => n8n.cli(['import:workflow', `--input=${workflowFile}`]));
}

/** `n8n execute --id --rawOutput`: the run data, and the raw output to check for the key. */
export async function executeWorkflow(n8n: N8nInstance, id: string) {
  const { stdout, stderr } = await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
  return { execution: parseRawOutput(stdout, stderr), stdout, stderr };
}
